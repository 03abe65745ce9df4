import { describe, expect, it } from 'vitest';
import { compileDateFormat, customFormat } from '../../../hardware/pbx/formats/custom';
import { CTX } from './fixture';

describe('user-defined SMDR layout (R-C1)', () => {
  it('R-C1: fixed columns with a 12-hour date format; end derived from start, ring and talk', () => {
    //            0         1         2         3         4         5
    //            0123456789012345678901234567890123456789012345678901234
    const line = '06/01/24 02:05PM 201  0003 I 13800138000     0:05 00:01:05 1.20';
    const f = customFormat({
      kind: 'fixed',
      fields: { startDate: [0, 8], startTime: [9, 16], ext: [17, 21], trunk: [22, 26], direction: [27, 28], number: [29, 45], ringSec: [45, 49], durationSec: [50, 58], cost: [59, 64] },
      dateFormat: 'MM/DD/YY hh:mmA',
    });
    expect(f.parse(line, CTX)).toEqual({
      kind: 'call',
      call: {
        start: '2024-06-01T14:05:00',
        end: '2024-06-01T14:06:10',
        ext: '201',
        trunk: '0003',
        direction: 'in',
        number: '13800138000',
        callerName: null,
        ringSec: 5,
        durationSec: 65,
        cost: 1.2,
        currency: null,
        accountCode: null,
        transferred: false,
        forwarded: false,
        unanswered: false,
      },
    });
  });

  it('R-C1: CSV field map; blank, header and junk lines are classified, never thrown on', () => {
    const f = customFormat({ kind: 'csv', fields: { endDate: 0, endTime: 1, ext: 2, number: 3, durationSec: 4 }, dateFormat: 'DD.MM.YYYY hh:mm:ss' });
    expect(f.parse('01.06.2024,10:00:30,201,8021,30', CTX)).toMatchObject({ kind: 'call', call: { end: '2024-06-01T10:00:30', start: '2024-06-01T10:00:00', direction: 'internal', number: '8021' } });
    expect(f.parse('01.06.2024,10:00:30,201,013800138000,0', CTX)).toMatchObject({ kind: 'call', call: { direction: 'out' } });
    expect(f.parse('   ', CTX)).toEqual({ kind: 'blank' });
    expect(f.parse('Date,Time,Ext,Number,Talk', CTX)).toEqual({ kind: 'header' });
    expect(f.parse('31.02.2024,10:00:30,201,8021,30', CTX).kind).toBe('unrecognized');
    expect(f.parse('"unterminated,1,2', CTX).kind).toBe('unrecognized');
    expect(f.detect(['01.06.2024,10:00:30,201,8021,30', 'garbage 1'])).toBe(0.5);
  });

  it('R-C1: date formats compile tokens to groups and treat a space as a run of blanks', () => {
    const p = compileDateFormat('YYYY-MM-DD hh:mm:ss');
    expect(p.tokens).toEqual(['YYYY', 'MM', 'DD', 'hh', 'mm', 'ss']);
    expect(p.regex.test('2024-06-01   10:00:00')).toBe(true);
    expect(p.regex.test('2024/06/01 10:00:00')).toBe(false);
  });
});
