import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../../hardware/pbx/formats/index';
import { PBX_FORMAT_NAMES } from '../../../shared/api/calls';
import { demoStaff } from '../../../shared/demo';
import { demoTenants } from '../../../shared/demo-switchboard';
import type { StoredCall, Tariff } from '../../../shared/domain/switchboard';
import { DEFAULT_PBX_SETTINGS } from '../../../electron/services/pbx/pbx-settings-file';
import { monthBill } from '../../../renderer/console/calls/bill';
import { billXlsx } from '../../../renderer/console/calls/bill-xlsx';
import { addShift, operatorShares } from '../../../renderer/console/calls/operator-share';
import { draftOf, settingsOfDraft } from '../../../renderer/console/calls/pbx-settings-form';
import { paletteResults } from '../../../renderer/console/palette-search';

function call(over: Partial<StoredCall> & { id: string }): StoredCall {
  return {
    pbxId: 'pbx-1',
    format: 'panasonic',
    start: '2026-11-20T09:00:00',
    end: null,
    ext: '6001',
    trunk: '01',
    direction: 'in',
    number: '13912345678',
    callerName: null,
    ringSec: 5,
    durationSec: 60,
    cost: null,
    currency: null,
    accountCode: null,
    transferred: false,
    forwarded: false,
    unanswered: false,
    raw: '',
    seq: 0,
    receivedAt: '2026-11-20T01:00:00.000Z',
    day: '2026-11-20',
    ...over,
  };
}

const at = (local: string): Date => new Date(local);

describe('R-C4, R-M1: three-ring share per operator shift', () => {
  it('counts each incoming call for whoever was signed in when it rang, missed calls included', () => {
    let log = addShift([], '李娜', at('2026-11-20T08:00:00'));
    // Typing "王" then "王芳" within a minute is one handover at the first key.
    log = addShift(log, '王', at('2026-11-20T12:00:00'));
    log = addShift(log, '王芳', at('2026-11-20T12:00:03'));
    expect(log.map((s) => s.operator)).toEqual(['李娜', '王芳']);
    expect(log[1]!.at).toBe(at('2026-11-20T12:00:00').toISOString());
    const calls = [
      call({ id: 'a', start: '2026-11-20T07:59:00', ringSec: 3 }),
      call({ id: 'b', start: '2026-11-20T09:00:00', ringSec: 5 }),
      call({ id: 'c', start: '2026-11-20T10:00:00', ringSec: 20 }),
      call({
        id: 'd',
        start: '2026-11-20T11:59:59',
        ringSec: 30,
        unanswered: true,
        durationSec: 0,
      }),
      call({ id: 'e', start: '2026-11-20T12:00:00', ringSec: 15 }),
      call({ id: 'f', start: '2026-11-20T13:00:00', ringSec: 16 }),
      call({ id: 'g', start: '2026-11-20T13:30:00', direction: 'out', ringSec: null }),
    ];
    const rows = operatorShares(calls, log, 15, 'nobody');
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        { operator: 'nobody', incoming: 1, answered: 1, withinThreshold: 1, unanswered: 0 },
        { operator: '李娜', incoming: 3, answered: 2, withinThreshold: 1, unanswered: 1 },
        { operator: '王芳', incoming: 2, answered: 2, withinThreshold: 1, unanswered: 0 },
      ]),
    );
  });

  it('the same name again adds no shift; deleting a name is no handover; a new name is one at once', () => {
    let log = addShift([], '李娜', at('2026-11-20T08:00:00'));
    log = addShift(log, '李娜', at('2026-11-20T09:00:00'));
    expect(log).toHaveLength(1);
    // Backspacing 李娜 away, then typing 王芳, ten seconds after 李娜 signed in.
    log = addShift(log, '李', at('2026-11-20T08:00:05'));
    log = addShift(log, '王', at('2026-11-20T08:00:09'));
    log = addShift(log, '王芳', at('2026-11-20T08:00:10'));
    expect(log).toEqual([
      { at: at('2026-11-20T08:00:00').toISOString(), operator: '李娜' },
      { at: at('2026-11-20T08:00:09').toISOString(), operator: '王芳' },
    ]);
  });
});

describe('R-C1, issue 4: PBX settings form', () => {
  it('offers exactly the built-in formats of hardware/pbx', () => {
    expect([...PBX_FORMAT_NAMES].sort()).toEqual([...FORMAT_NAMES].sort());
  });

  it('says which field is wrong and why, only for the fields the source uses', () => {
    const d = {
      ...draftOf(DEFAULT_PBX_SETTINGS),
      source: 'serial' as const,
      serialPath: ' ',
      baudRate: '96x0',
    };
    expect(settingsOfDraft(d, DEFAULT_PBX_SETTINGS).problems).toEqual([
      { field: 'serialPath', problem: 'required' },
      { field: 'baudRate', problem: 'integer' },
    ]);
    const tcp = {
      ...draftOf(DEFAULT_PBX_SETTINGS),
      source: 'tcpClient' as const,
      tcpHost: '',
      tcpPort: '70000',
      baudRate: 'ignored',
    };
    expect(settingsOfDraft(tcp, DEFAULT_PBX_SETTINGS).problems).toEqual([
      { field: 'tcpHost', problem: 'required' },
      { field: 'tcpPort', problem: 'range' },
    ]);
    const custom = {
      ...draftOf(DEFAULT_PBX_SETTINGS),
      format: 'custom',
      customLayout: '{"kind":"fixed"',
    };
    expect(settingsOfDraft(custom, DEFAULT_PBX_SETTINGS).problems).toEqual([
      { field: 'customLayout', problem: 'layoutJson' },
    ]);
  });

  it('builds valid settings from a serial draft (a pty path is typed, not listed)', () => {
    const d = {
      ...draftOf(DEFAULT_PBX_SETTINGS),
      source: 'serial' as const,
      serialPath: '/dev/pts/7',
      baudRate: '19200',
      dataBits: '7',
      parity: 'even' as const,
      stopBits: '2',
      format: 'panasonic',
    };
    const r = settingsOfDraft(d, DEFAULT_PBX_SETTINGS);
    expect(r.settings).toMatchObject({
      source: 'serial',
      serialPath: '/dev/pts/7',
      baudRate: 19200,
      dataBits: 7,
      parity: 'even',
      stopBits: 2,
      format: 'panasonic',
      pbxId: 'pbx-1',
    });
  });
});

describe('ux.md C3: command palette search', () => {
  const staff = demoStaff(120, 1);
  const tenants = demoTenants();
  const actions = [
    { id: 'tab.calls', label: '话务', keys: 'Alt+6' },
    { id: 'pbxSettings', label: '话单采集设置' },
  ];
  const calls = [
    call({ id: 'new', number: '13500001111', seq: 2 }),
    call({ id: 'old', number: '13500001111', seq: 1 }),
  ];

  it('finds staff by initials, tenants by unit, calls by number (newest first) and actions by name', () => {
    const zs = paletteResults('zs', { actions, staff, tenants, calls, index: new Map() });
    expect(zs.find((i) => i.kind === 'staff')).toMatchObject({ staff: { name: '张三' } });
    const unit = paletteResults(tenants[0]!.unit, {
      actions,
      staff,
      tenants,
      calls,
      index: new Map(),
    });
    expect(
      unit.filter((i) => i.kind === 'tenant').map((i) => (i.kind === 'tenant' ? i.tenant.id : '')),
    ).toEqual([tenants[0]!.id]);
    const byNumber = paletteResults('0000111', {
      actions,
      staff,
      tenants,
      calls,
      index: new Map(),
    });
    expect(byNumber.filter((i) => i.kind === 'call').map((i) => i.id)).toEqual([
      'call:new',
      'call:old',
    ]);
    expect(
      paletteResults('话单', { actions, staff, tenants, calls, index: new Map() }).map((i) => i.id),
    ).toContain('action:pbxSettings');
    // Grouped: actions, staff, tenants, calls.
    const kinds = paletteResults('6', { actions, staff, tenants, calls, index: new Map() }).map(
      (i) => i.kind,
    );
    expect(kinds).toEqual(
      [...kinds].sort(
        (a, b) =>
          ['action', 'staff', 'tenant', 'call'].indexOf(a) -
          ['action', 'staff', 'tenant', 'call'].indexOf(b),
      ),
    );
  });
});

describe('R-C9: phone bill as XLSX', () => {
  it('writes one sheet per extension, department and tenant whose totals match the bill', async () => {
    const staff = demoStaff(20, 1);
    const tenants = demoTenants();
    const tariffs: Tariff[] = [
      {
        id: 't1',
        prefix: '1',
        label: '手机',
        ratePerMinute: 0.3,
        unit: 'minute',
        connectionFee: 0,
      },
    ];
    const calls = [
      call({
        id: '1',
        direction: 'out',
        ext: staff[0]!.ext,
        number: '13912345678',
        durationSec: 125,
        ringSec: null,
      }),
      call({
        id: '2',
        direction: 'out',
        ext: staff[1]!.ext,
        number: '13912345679',
        durationSec: 61,
        ringSec: null,
      }),
      call({
        id: '3',
        direction: 'out',
        ext: tenants[0]!.exts[0]!,
        number: '13912345670',
        durationSec: 30,
        ringSec: null,
      }),
      call({ id: '4', direction: 'in', ext: staff[0]!.ext }),
    ];
    const bill = monthBill(calls, tariffs, staff, tenants, (s) => s.dept);
    const bytes = await billXlsx(bill, '2026-11', {
      byExt: '按分机',
      byDept: '按部门',
      byTenant: '按租户',
      headers: ['分机', '说明', '次数', '分钟', '金额'],
      total: '合计',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '按分机 2026-11',
      '按部门 2026-11',
      '按租户 2026-11',
    ]);
    const totalOf = (name: string): unknown[] => {
      const ws = wb.getWorksheet(name)!;
      const row = ws.getRow(ws.rowCount);
      expect(row.getCell(1).value).toBe('合计');
      return [3, 4, 5].map((c) => {
        const v = row.getCell(c).value;
        return typeof v === 'object' && v !== null && 'result' in v ? v.result : v;
      });
    };
    // 125 s → 3 started minutes, 61 s → 2, 30 s → 1; 0.30 each: 0.90 + 0.60 + 0.30.
    expect(bill.total.cost).toBe(1.8);
    expect(totalOf('按分机 2026-11')).toEqual([3, 3.6, 1.8]);
    expect(totalOf('按租户 2026-11')).toEqual([1, 0.5, 0.3]);
    const dept = wb.getWorksheet('按部门 2026-11')!;
    expect(dept.getRow(2).getCell(5).numFmt).toBe('0.00');
    expect(typeof dept.getRow(2).getCell(5).value).toBe('number');
  });
});
