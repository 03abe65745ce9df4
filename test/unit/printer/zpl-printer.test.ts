import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { badgeZpl, zplField } from '../../../hardware/printer/zpl';
import { ZplBadgePrinter } from '../../../hardware/printer/zpl-printer';
import { freePort } from './ippeveprinter';
import { CHINESE_NAME, testBadge } from './fixtures';

let server: Server | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** A loopback stand-in for a Zebra's port 9100: collects what one connection sends. */
function listen(): Promise<{ port: number; received: Promise<string> }> {
  return new Promise((resolve) => {
    let deliver: (text: string) => void = () => undefined;
    const received = new Promise<string>((r) => (deliver = r));
    server = createServer((socket) => {
      sockets.push(socket);
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('end', () => deliver(Buffer.concat(chunks).toString('utf8')));
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server?.address();
      resolve({ port: typeof address === 'object' && address ? address.port : 0, received });
    });
  });
}

describe('raw ZPL over TCP 9100', () => {
  it('B4, B5, R-V6: the label arrives as one ^XA…^XZ with name, escort, validity and the code as QR and text', async () => {
    const { port, received } = await listen();
    const badge = testBadge(CHINESE_NAME, { passNumber: '0042' });
    await new ZplBadgePrinter({ host: '127.0.0.1', port, cjkFont: 'E:SIMSUN.TTF' }).print(badge, 'ql62x100');
    const zpl = await received;
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl).toContain('^CI28');
    expect(zpl).toContain('^CW1,E:SIMSUN.TTF');
    expect(zpl).toContain(`^FD${CHINESE_NAME}^FS`);
    expect(zpl).toContain('^FD需陪同 ESCORT REQUIRED^FS');
    expect(zpl).toContain('^FD访客 VISITOR^FS');
    expect(zpl).toContain('有效至 Valid until 18:00');
    expect(zpl).toContain('0042');
    expect(zpl).toMatch(/\^BQN,2,\d+\^FH_\^FDMA,V7K29QX4\^FS/);
    expect(zpl).toContain('^FDV7K29QX4^FS');
  });

  it('a name cannot inject ZPL commands', () => {
    expect(zplField('A^XZ~JA_x\nB')).toBe('A_5EXZ_7EJA_5Fx B');
    const zpl = badgeZpl(testBadge('Evil^XZ^XA'), 'ql62');
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
  });

  it('R-X3: a closed port gives the offline error', async () => {
    const port = await freePort();
    await expect(new ZplBadgePrinter({ host: '127.0.0.1', port }).print(testBadge('Anna'), 'ql62')).rejects.toMatchObject({
      code: 'offline',
      message: expect.stringMatching(/not answering/),
    });
  });

  it('R-X3: a printer that accepts the connection but never closes it does not hold the job', async () => {
    const { port, received } = await listen();
    // Resolved once the label was handed over: had it waited for the printer to hang up,
    // the idle timeout would have rejected it with `timeout`.
    await expect(new ZplBadgePrinter({ host: '127.0.0.1', port, timeoutMs: 2_000 }).print(testBadge('Anna'), 'ql62')).resolves.toEqual({ jobId: null });
    expect(await received).toContain('^FDAnna^FS');
  });
});
