/**
 * R-P5: a card holder's machine-room entries in the evidence come from the
 * access system's door log (CSV or XLSX), imported into Dexie and audited,
 * matched by credential id and paired in → out; an unpaired in is flagged.
 */
import 'fake-indexeddb/auto';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { csvRows } from '../../../shared/cards/door-log';
import { doorLogRows } from '../../../electron/services/cards/door-log-xlsx';
import { markMade, payloadFor, submitApplication } from '../../../renderer/cards/card-life';
import { importDoorLog } from '../../../renderer/cards/door-import';
import { evidenceRows } from '../../../renderer/cards/evidence';
import { db } from '../../../renderer/db/schema';

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

async function card(): Promise<void> {
  const appId = await submitApplication('王芳', {
    company: '华数云科技',
    holderName: '张伟',
    idType: 'resident',
    idNumber: '11010519491231002X',
    phone: '13800138000',
    areas: 'A-01',
    validFrom: '2026-11-01',
    validTo: '2027-10-31',
    salesRep: '刘洋',
    letter: { name: 'l.png', type: 'image/png', dataUrl: 'data:image/png;base64,AAAA' },
  });
  const app = (await db.cardApplications.get(appId))!;
  await markMade('王芳', app, 'P-00000042', payloadFor('msr605x', 'P-00000042', app.validTo), 'emulator');
}

describe('door log → evidence rows for card holders (R-P5)', () => {
  it('CSV import: stored once, audited, bad rows reported; evidence shows door times in and out, an unpaired in flagged', async () => {
    await card();
    const csv =
      '时间,卡内号,门禁点,方向\n' +
      '2026-11-20 09:00,;6200000042=2710?,机房A门,进\n' +
      '2026-11-20 11:30,6200000042=2710,机房A门,出\n' +
      '2026-11-21 14:00,6200000042,机房A门,进\n' +
      'bad,6200000042=2710,机房A门,进\n';
    const first = await importDoorLog('王芳', 'door.csv', csvRows(csv));
    expect(first).toMatchObject({ added: 3 });
    expect(first.problems).toMatchObject([{ line: 5, reason: 'badTime' }]);
    const again = await importDoorLog('王芳', 'door.csv', csvRows(csv));
    expect(again.added).toBe(0);
    expect(await db.doorEvents.count()).toBe(3);
    const audit = await db.cardAudit.where('entityId').equals('').toArray();
    expect(audit.filter((a) => a.action === 'doorLog.imported')).toHaveLength(2);
    expect(audit[0]?.detail).toContain('1 rows not read [5:badTime]');

    const rows = (await evidenceRows('2026-11-01', '2026-11-30')).filter((r) => r.kind === 'cardHolder');
    expect(rows.map((r) => [r.name, r.timeIn, r.timeOut, r.work])).toEqual([
      ['张伟', '2026-11-20 09:00', '2026-11-20 11:30', '机房A门'],
      ['张伟', '2026-11-21 14:00', '', '机房A门 · 无离开记录 No exit recorded'],
    ]);
    expect(rows[0]?.credential).toBe('card P-00000042 (6200000042=2710)');
  });

  it('XLSX door log (date cells and text) reads into the same rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Events');
    ws.addRow(['Event Time', 'Card No.', 'Reader', 'In/Out']);
    ws.addRow([new Date(Date.UTC(2026, 10, 20, 9, 0, 5)), '6200000042=2710', 'Room A', 'IN']);
    ws.addRow(['2026-11-20 10:00', '6200000042=2710', 'Room A', 'OUT']);
    const rows = await doorLogRows(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows).toEqual([
      ['Event Time', 'Card No.', 'Reader', 'In/Out'],
      ['2026-11-20 09:00:05', '6200000042=2710', 'Room A', 'IN'],
      ['2026-11-20 10:00', '6200000042=2710', 'Room A', 'OUT'],
    ]);
    await card();
    await importDoorLog('王芳', 'door.xlsx', rows);
    const r = (await evidenceRows('2026-11-20', '2026-11-20')).filter((x) => x.kind === 'cardHolder');
    expect(r.map((x) => [x.timeIn, x.timeOut])).toEqual([['2026-11-20 09:00', '2026-11-20 10:00']]);
  });
});
