/**
 * The card's credential id (卡内号) is what the stripe or tag holds — written
 * from the provisional number at the desk — and is what the access system
 * must open doors on, next to the hub's final card number (R-K3 上传, R-K1).
 * Also: the desk refuses locally the card and pass steps the hub would refuse.
 */
import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessHolderSchema } from '../../../shared/api/cards';
import { credentialMatches } from '../../../shared/domain/card';
import { accessFiles } from '../../../electron/services/cards/access-export';
import { uploadHolders } from '../../../electron/services/cards/access-upload';
import { revocationMessage } from '../../../electron/services/cards/revocation-mail';
import {
  CardLifeError,
  confirmRevocation,
  encodedText,
  markMade,
  payloadFor,
  requestRevocation,
  submitApplication,
  type NewApplication,
} from '../../../renderer/cards/card-life';
import { holderOf } from '../../../renderer/cards/holders';
import { addPasses, issuePass, reportLost, retirePass } from '../../../renderer/db/passes';
import { db } from '../../../renderer/db/schema';

const application: NewApplication = {
  company: '华数云科技',
  holderName: '张伟',
  idType: 'resident',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  areas: 'A-01',
  validFrom: '2026-11-22',
  validTo: '2027-11-21',
  salesRep: '刘洋',
  letter: { name: 'letter.png', type: 'image/png', dataUrl: 'data:image/png;base64,AAAA' },
};

let server: Server | undefined;
beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A card made at the desk with P-00000042, then numbered by the hub (as sync does). */
async function madeAndNumbered(medium: 'msr605x' | 'em4100Writer') {
  const appId = await submitApplication('前台 王芳', application);
  const app = (await db.cardApplications.get(appId))!;
  const payload = payloadFor(medium, 'P-00000042', app.validTo);
  const id = await markMade('前台 王芳', app, 'P-00000042', payload, `emulator:${medium}`);
  const made = (await db.cards.get(id))!;
  await db.cards.put({ ...made, number: 'KA-2026-00007', numberFinal: true });
  return (await db.cards.get(id))!;
}

describe('credential id vs card number (R-K3, R-K1)', () => {
  it('the stripe holds the provisional digits; the hub number does not change the credential', async () => {
    const card = await madeAndNumbered('msr605x');
    expect(card.number).toBe('KA-2026-00007');
    expect(card.encoded).toBe('6200000042=2711');
    const h = holderOf(card, 'add');
    expect(h).toMatchObject({ cardNumber: 'KA-2026-00007', credentialId: '6200000042=2711' });
    expect(accessHolderSchema.safeParse(h).success).toBe(true);
  });

  it('the access import file (CSV and XLSX) carries the credential next to the card number', async () => {
    const card = await madeAndNumbered('em4100Writer');
    expect(card.encoded).toBe(encodedText({ medium: 'em4100Writer', customer: 0x49, id: 42 }));
    const { csv, xlsxBase64 } = await accessFiles([holderOf(card, 'add')]);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('CardNo,CredentialID,Name')).toBe(true);
    expect(lines[1]?.startsWith('KA-2026-00007,490000002A,张伟')).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([Buffer.from(xlsxBase64, 'base64')]));
    const row = wb.getWorksheet('Holders')?.getRow(2);
    expect([row?.getCell(1).value, row?.getCell(2).value]).toEqual(['KA-2026-00007', '490000002A']);
  });

  it('the webhook upload body carries the credential the doors open on', async () => {
    const card = await madeAndNumbered('msr605x');
    const bodies: unknown[] = [];
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(data));
        res.writeHead(200).end('ok');
      });
    });
    const s = server;
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/holders`;
    const r = await uploadHolders(url, [holderOf(card, 'add')]);
    expect(r.ok).toBe(true);
    expect(bodies[0]).toMatchObject({
      holders: [{ cardNumber: 'KA-2026-00007', credentialId: '6200000042=2711', action: 'add' }],
    });
  });

  it('the cancellation mail names the credential for systems to cancel (R-K4)', () => {
    const { text } = revocationMessage({
      cardNumber: 'KA-2026-00007',
      credentialId: '6200000042=2711',
      holderName: '张伟',
      company: 'X',
      reason: 'cancel',
      requestedBy: '刘洋',
      requestedAt: '2026-11-22T08:00:00.000Z',
      sentBy: '王芳',
      locale: 'zh-CN',
    });
    expect(text).toContain('卡内号（门禁凭证）：6200000042=2711');
    expect(text).toContain('Credential ID (access system): 6200000042=2711');
  });

  it('a keyboard-wedge read finds the card by its credential, in the forms readers type', () => {
    const stripe = { medium: 'msr605x', encoded: '6200000042=2711' } as const;
    expect(credentialMatches(stripe, ';6200000042=2711?')).toBe(true);
    expect(credentialMatches(stripe, '6200000042=2711')).toBe(true);
    expect(credentialMatches(stripe, '6200000042')).toBe(true);
    expect(credentialMatches(stripe, 'KA-2026-00007')).toBe(false);
    expect(credentialMatches(stripe, '00000042')).toBe(false);
    const tag = { medium: 'em4100Writer', encoded: '490000002A' } as const;
    expect(credentialMatches(tag, '490000002a')).toBe(true);
    expect(credentialMatches(tag, '0000000042')).toBe(true); // 10D: low 32 bits in decimal
    expect(credentialMatches(tag, '43')).toBe(false);
    expect(credentialMatches(tag, '')).toBe(false);
  });
});

describe('the desk refuses locally what the hub refuses (card and pass transitions)', () => {
  it('a card cannot be asked for cancellation twice, nor confirmed before the mail', async () => {
    const card = await madeAndNumbered('msr605x');
    await expect(confirmRevocation('王芳', card, '系统部')).rejects.toBeInstanceOf(CardLifeError);
    await requestRevocation('王芳', card, 'cancel', '刘洋');
    await expect(requestRevocation('王芳', card, 'lost', '刘洋')).rejects.toMatchObject({
      code: 'cards.wrongState',
    });
    const app = (await db.cardApplications.get(card.applicationId))!;
    await expect(
      markMade('王芳', app, 'P-1', payloadFor('msr605x', 'P-1', app.validTo), 'x'),
    ).rejects.toMatchObject({ code: 'cards.wrongState' });
  });

  it('R-P2: a retired pass is not reported lost, an issued one not retired', async () => {
    await addPasses(['1', '2'], '李娜');
    const [p1, p2] = await db.passes.orderBy('number').toArray();
    await retirePass(p1!.id, '李娜');
    await expect(reportLost(p1!.id, '赵保安', '', '李娜')).rejects.toMatchObject({
      code: 'pass.notAvailable',
    });
    const visit = { id: 'v', name: '周子航' };
    await issuePass({ passId: p2!.id, visit, employeeName: '王建国', employeeCard: 'E1', signature: null }, '李娜');
    await expect(retirePass(p2!.id, '李娜')).rejects.toMatchObject({ code: 'pass.notAvailable' });
    expect((await db.passes.get(p1!.id))?.state).toBe('retired');
  });
});
