import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessHolder } from '../../../shared/api/cards';
import { uploadHolders } from '../../../electron/services/cards/access-upload';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

const holder: AccessHolder = {
  cardNumber: 'P-1',
  credentialId: '6200000042=2711',
  holderName: '张伟',
  company: 'X',
  idNumber: '',
  phone: '',
  areas: 'A',
  validFrom: '2026-11-22',
  validTo: '2027-11-21',
  action: 'add',
};

describe('webhook upload to the access system (R-K3 上传)', () => {
  it('a refusal comes back as ok:false with the answer; the retry succeeds and the body is the holders', async () => {
    const bodies: unknown[] = [];
    let fail = true;
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(data));
        if (fail) {
          res.writeHead(503).end('access system busy');
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":1}');
        }
      });
    });
    const s = server;
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/holders`;
    const first = await uploadHolders(url, [holder]);
    expect(first).toMatchObject({ ok: false, status: 503, answer: 'access system busy' });
    fail = false;
    const second = await uploadHolders(url, [holder]);
    expect(second).toMatchObject({ ok: true, status: 200, answer: '{"accepted":1}' });
    expect(bodies[1]).toEqual({ source: 'frontdesk', holders: [holder] });
  });

  it('an unreachable system is ok:false with status 0 and the reason', async () => {
    const r = await uploadHolders('http://127.0.0.1:1/x', [holder], { timeoutMs: 2000 });
    expect(r.ok).toBe(false);
    expect(r.status).toBe(0);
    expect(r.answer.length).toBeGreaterThan(0);
  });

  it('no address is a typed noWebhook error', async () => {
    await expect(uploadHolders('', [holder])).rejects.toMatchObject({ code: 'noWebhook' });
  });
});
