import { describe, expect, it } from 'vitest';
import { panasonic } from '../../../hardware/pbx/formats/panasonic';
import { CTX, callAt, kinds, parseFixture } from './fixture';

const base = {
  id: null,
  pbxId: 'test',
  format: 'panasonic',
  cost: null,
  currency: null,
  accountCode: null,
  callerName: null,
  transferred: false,
  forwarded: false,
  unanswered: false,
};

describe('Panasonic KX-TDA/TDE/NS pattern A (R-C1)', () => {
  const lines = parseFixture('panasonic-pattern-a.txt', 'panasonic');

  it('R-C1: classifies every line: header, page rule, calls, status rows, skip-perforation blanks', () => {
    expect(kinds(lines)).toEqual([
      'header',
      'header',
      ...Array<string>(9).fill('call'),
      'status',
      'status',
      'status',
      'call',
      'blank',
      'blank',
    ]);
  });

  it('R-C1: incoming <I> call: end time printed, start derived from ring + talk, marker stripped', () => {
    const r = callAt(lines, 3);
    expect(r).toMatchObject({
      ...base,
      start: '2002-01-02T10:01:50',
      end: '2002-01-02T10:03:00',
      ext: '1200',
      trunk: '01',
      direction: 'in',
      number: '12345678901234567890',
      ringSec: 5,
      durationSec: 65,
    });
    expect(r.raw).toBe("01/02/02 10:03AM 1200  01 <I>12345678901234567890   0'05 00:01'05");
  });

  it('R-C2: unanswered incoming (CD NA) keeps its ring time 5\'15', () => {
    expect(callAt(lines, 4)).toMatchObject({ direction: 'in', number: null, ringSec: 315, durationSec: 0, unanswered: true });
  });

  it('R-C1: outgoing call with account code; verified-code extension *123', () => {
    expect(callAt(lines, 5)).toMatchObject({ ...base, direction: 'out', number: '1234567890123456', durationSec: 725, accountCode: '9876543210', start: '2002-01-02T09:52:55' });
    expect(callAt(lines, 6)).toMatchObject({ ext: '*123', direction: 'out' });
  });

  it('R-C1: caller name glued to the number, DDI prefix <D>…<I>, transfer TR and forward FW', () => {
    expect(callAt(lines, 7)).toMatchObject({ number: 'ABC COMPANY12345678', callerName: 'ABC COMPANY', accountCode: '98765', transferred: true, ringSec: 5 });
    expect(callAt(lines, 8)).toMatchObject({ direction: 'in', number: 'Q COMPANY', callerName: 'Q COMPANY', end: '2002-01-02T12:20:00' });
    expect(callAt(lines, 9)).toMatchObject({ number: '123..............', end: '2002-01-02T13:00:00' });
    expect(callAt(lines, 10)).toMatchObject({ number: '123456XX', forwarded: true, transferred: false });
  });

  it('R-C1: intercom EXT1235 is internal with no trunk', () => {
    expect(callAt(lines, 11)).toMatchObject({ direction: 'internal', number: '1235', trunk: null, ext: '1234' });
  });

  it('R-C1: **/**/** clock-change stars give null times, not a wrong date', () => {
    expect(callAt(lines, 15)).toMatchObject({ start: null, end: null, ringSec: null, durationSec: null, number: '0123456789' });
  });
});

describe('Panasonic pattern C (120 columns, cost) and charset (R-C1)', () => {
  const lines = parseFixture('panasonic-pattern-c.txt', 'panasonic');

  it('R-C1: cost with currency, 4-digit CO, TR', () => {
    expect(callAt(lines, 1)).toMatchObject({ trunk: '0001', cost: 560, currency: 'EUR', accountCode: '9876543210', transferred: true, durationSec: 5, direction: 'out' });
    expect(callAt(lines, 2)).toMatchObject({ direction: 'in', number: 'ABC COMPANY123456789012345', ringSec: 5, cost: null, accountCode: '9876543210' });
  });

  it('R-C1: ISO-8859-1 caller name decodes (0xFC = ü), not as UTF-8 replacement', () => {
    expect(callAt(lines, 3)).toMatchObject({ number: 'Müller GmbH 0301234567', callerName: 'Müller GmbH', ringSec: 12, durationSec: 200 });
  });

  it('R-C1: date order is a site setting: dmy and ymd read the same digits differently', () => {
    const line = "03/04/25 09:15AM 201   01 0301234567                    00:00'10";
    const as = (dateOrder: 'mdy' | 'dmy' | 'ymd') => {
      const o = panasonic.parse(line, { ...CTX, dateOrder });
      return o.kind === 'call' ? o.call.end : null;
    };
    expect(as('mdy')).toBe('2025-03-04T09:15:00');
    expect(as('dmy')).toBe('2025-04-03T09:15:00');
    expect(as('ymd')).toBe('2003-04-25T09:15:00');
  });

  it('R-C1: pattern B line with cost and 2-letter currency, typographic apostrophe accepted', () => {
    const o = panasonic.parse("01/02/02 10:07AM 2005 01 1234567890123456789 00:00’05 00560.00EU 9876543210", CTX);
    expect(o).toMatchObject({ kind: 'call', call: { cost: 560, currency: 'EU', durationSec: 5, accountCode: '9876543210' } });
  });
});

describe('Panasonic KX-TD and KX-TA printouts as published (spacing collapsed) (R-C1)', () => {
  it('R-C1: KX-TD308 sample: every record is a call, TR and FW with account codes', () => {
    const lines = parseFixture('panasonic-kx-td308.txt', 'panasonic');
    expect(kinds(lines)).toEqual(['header', ...Array<string>(9).fill('call')]);
    expect(callAt(lines, 5)).toMatchObject({ ext: '15', trunk: '1', direction: 'in', durationSec: 601, accountCode: '431211', transferred: true, end: '1997-06-24T10:08:00' });
    expect(callAt(lines, 6)).toMatchObject({ number: '10222P1-202-346-7890', accountCode: '001', forwarded: true, direction: 'out' });
    expect(callAt(lines, 10)).toMatchObject({ number: '4312111', direction: 'in', durationSec: 1306 });
  });

  it('R-C1: KX-TA616 sample: time is the START, * marks a transfer, < incoming > is inbound', () => {
    const lines = parseFixture('panasonic-kx-ta616.txt', 'panasonic-ta');
    expect(kinds(lines)).toEqual(['header', ...Array<string>(7).fill('call')]);
    expect(callAt(lines, 3)).toMatchObject({ start: '1998-12-31T12:53:00', end: '1998-12-31T12:54:43', direction: 'in', number: null });
    expect(callAt(lines, 4)).toMatchObject({ transferred: true, start: '1998-12-31T12:54:00' });
    expect(callAt(lines, 5)).toMatchObject({ start: '1998-12-31T13:04:00', number: '092. . .1438', accountCode: '4536' });
  });
});
