/** R-P5: the access system's door-event log, parsed (CSV, zh-CN/en headers) and paired into stays. */
import { describe, expect, it } from 'vitest';
import { csvRows, pairDoorEvents, parseDoorLog } from '../../../shared/cards/door-log';

describe('door-event log parser (R-P5)', () => {
  it('zh-CN headers, good rows become events; bad rows are listed with line number and why', () => {
    const csv =
      '\uFEFF刷卡时间,卡内号,门禁点,进出方向\r\n' +
      '2026-11-20 09:00:05,;6200000042=2711?,机房 A 门,进\r\n' +
      '2026/11/20 9:30,6200000042=2711,机房 A 门,出\r\n' +
      '\r\n' +
      'yesterday,6200000042=2711,机房 A 门,进\r\n' +
      '2026-11-20 10:00,,机房 A 门,进\r\n' +
      '2026-11-20 10:00,KA-2026-00007,"机房, B 门",sideways\r\n' +
      '2026-02-30 10:00,KA-2026-00007,B,in\r\n';
    const { events, problems } = parseDoorLog(csvRows(csv));
    expect(events).toEqual([
      { at: '2026-11-20 09:00:05', credential: '6200000042=2711', door: '机房 A 门', direction: 'in', line: 2 },
      { at: '2026-11-20 09:30:00', credential: '6200000042=2711', door: '机房 A 门', direction: 'out', line: 3 },
    ]);
    expect(problems.map((p) => [p.line, p.reason, p.detail])).toEqual([
      [5, 'badTime', 'yesterday'],
      [6, 'noCredential', ''],
      [7, 'badDirection', 'sideways'],
      [8, 'badTime', '2026-02-30 10:00'],
    ]);
  });

  it('English header variants are recognised; a missing column is one problem at line 1', () => {
    const ok = parseDoorLog([['Event Time', 'Card No.', 'Door/Reader', 'In/Out'], ['2026-11-20T08:00:00', '123', 'R1', 'Entry']]);
    expect(ok.events).toHaveLength(1);
    expect(ok.events[0]).toMatchObject({ direction: 'in', door: 'R1', credential: '123' });
    const bad = parseDoorLog([['Time', 'Door', 'Direction'], ['2026-11-20 08:00', 'R1', 'in']]);
    expect(bad.events).toEqual([]);
    expect(bad.problems).toMatchObject([{ line: 1, reason: 'missingColumn', detail: 'credential' }]);
  });

  it('pairs in and out per holder; an in without an out is flagged with a blank out, an out without an in too', () => {
    const e = (at: string, direction: 'in' | 'out', line: number) => ({ at, credential: 'c', door: 'A', direction, line });
    expect(
      pairDoorEvents([e('2026-11-20 13:00:00', 'in', 4), e('2026-11-20 09:00:00', 'in', 2), e('2026-11-20 10:00:00', 'out', 3), e('2026-11-20 15:00:00', 'in', 5), e('2026-11-20 16:00:00', 'out', 6), e('2026-11-20 17:00:00', 'out', 7)]),
    ).toEqual([
      { credential: 'c', door: 'A', timeIn: '2026-11-20 09:00:00', timeOut: '2026-11-20 10:00:00', flag: '' },
      { credential: 'c', door: 'A', timeIn: '2026-11-20 13:00:00', timeOut: '', flag: 'noOut' },
      { credential: 'c', door: 'A', timeIn: '2026-11-20 15:00:00', timeOut: '2026-11-20 16:00:00', flag: '' },
      { credential: 'c', door: 'A', timeIn: '', timeOut: '2026-11-20 17:00:00', flag: 'noIn' },
    ]);
  });
});
