import { describe, expect, it } from 'vitest';
import { callAt, kinds, parseFixture } from './fixture';

describe('Avaya IP Office SMDR CSV (R-C1)', () => {
  const lines = parseFixture('avaya-ipo.csv', 'avaya-ipo');

  it('R-C1: lost incoming call: connected 00:00:00 is unanswered, ring time in seconds, line from T9161', () => {
    expect(callAt(lines, 1)).toMatchObject({
      start: '2008-06-28T09:28:41',
      end: '2008-06-28T09:28:50',
      ext: '4324',
      trunk: '161',
      direction: 'in',
      number: '8004206',
      ringSec: 9,
      durationSec: 0,
      unanswered: true,
      transferred: false,
    });
  });

  it('R-C1: trailing space and `I` in Is Internal do not break the record', () => {
    expect(callAt(lines, 2)).toMatchObject({ direction: 'out', ext: '15', number: '11', durationSec: 10, ringSec: 21, end: '2008-10-20T06:44:29' });
  });

  it('R-C2: a transfer to voicemail is two segments, the first marked transferred (Continuation 1)', () => {
    expect(callAt(lines, 3)).toMatchObject({ ext: '4750', transferred: true, durationSec: 13, number: '01707392200' });
    expect(callAt(lines, 4)).toMatchObject({ ext: null, transferred: false, durationSec: 21, start: '2008-06-28T09:30:57' });
  });

  it('R-C1: 30-field record and internal call (Is Internal 1)', () => {
    expect(callAt(lines, 5)).toMatchObject({ direction: 'in', ext: '23', trunk: '1', number: '01707299900', durationSec: 5 });
    expect(callAt(lines, 6)).toMatchObject({ direction: 'internal', ext: '4688', number: '4207', durationSec: 44, trunk: null });
  });
});

describe('Mitel MiVoice Business extended SMDR (R-C1)', () => {
  const lines = parseFixture('mitel-mivb.txt', 'mitel');

  it('R-C1: all ten 207-character captured lines are calls', () => {
    expect(kinds(lines)).toEqual(Array<string>(10).fill('call'));
  });

  it('R-C1: outgoing: calling station, dialled digits, year inferred from the receive date', () => {
    expect(callAt(lines, 3)).toMatchObject({ start: '2024-03-05T13:38:35', end: '2024-03-05T13:45:34', direction: 'out', ext: '9999', number: '9999999999', durationSec: 419 });
  });

  it('R-C1: incoming: time to answer is the ring time; **** means never answered', () => {
    expect(callAt(lines, 7)).toMatchObject({ direction: 'in', ext: '9999', ringSec: 7, durationSec: 5, unanswered: false });
    expect(callAt(lines, 6)).toMatchObject({ direction: 'in', ringSec: null, unanswered: true });
  });

  it('R-C2: transfer flag T names the third party as the extension', () => {
    expect(callAt(lines, 8)).toMatchObject({ transferred: true, ext: '9025', durationSec: 43 });
  });

  it('R-C1: a record without a duration keeps null times instead of inventing them', () => {
    expect(callAt(lines, 1)).toMatchObject({ durationSec: null, end: null, start: '2024-03-05T13:14:13' });
  });
});

describe('NEC SL1000/SV8100/SV9100 (R-C1)', () => {
  const lines = parseFixture('nec-sl1000.txt', 'nec');

  it('R-C1: page header, column header, LF, calls; the wrapped name line is kept as unrecognized; NEXT is status', () => {
    expect(kinds(lines)).toEqual(['header', 'header', 'blank', 'call', 'call', 'unrecognized', 'call', 'status', 'call', 'call']);
    expect(lines[5]).toMatchObject({ raw: 'Corp.' });
  });

  it('R-C1: POT outgoing with account code; December record received in June belongs to last year', () => {
    expect(callAt(lines, 4)).toMatchObject({ start: '2023-12-09T10:52:00', end: '2023-12-09T10:52:10', trunk: '002', ext: '2001', direction: 'out', number: '2142623801', accountCode: '08754' });
  });

  it('R-C1: PIN incoming: the ACCOUNT column carries the caller name', () => {
    expect(callAt(lines, 5)).toMatchObject({ direction: 'in', number: '2142623802', callerName: 'NECinfrontia', accountCode: null, durationSec: 20 });
  });

  it('R-C2: NO ANSWER is an unanswered call, ICM internal, PTRS transferred', () => {
    expect(callAt(lines, 7)).toMatchObject({ unanswered: true, durationSec: null, end: null, accountCode: null });
    expect(callAt(lines, 9)).toMatchObject({ direction: 'internal', number: '2017', durationSec: 90 });
    expect(callAt(lines, 10)).toMatchObject({ transferred: true, direction: 'in' });
  });
});

describe('Asterisk Master.csv and Yeastar NewCdr (R-C1)', () => {
  it('R-C1: Master.csv: quoted fields, ring = duration − billsec, NO ANSWER, caller name from clid', () => {
    const lines = parseFixture('asterisk-master.csv', 'asterisk');
    expect(callAt(lines, 1)).toMatchObject({ start: '2009-04-23T15:16:52', end: '2009-04-23T15:17:37', ext: '3', number: '11', direction: 'internal', durationSec: 45, ringSec: 0 });
    expect(callAt(lines, 2)).toMatchObject({ direction: 'in', ext: '2001', number: '13800138000', callerName: 'Wang Wei', trunk: 'chinatelecom', unanswered: true, ringSec: 20, durationSec: 0 });
    expect(callAt(lines, 3)).toMatchObject({ direction: 'out', number: '02161234567', ringSec: 8, durationSec: 120, trunk: 'chinatelecom' });
  });

  it('R-C1: Yeastar NewCdr: ring = callduraction − talkduraction, trunk from desttrunkname', () => {
    const lines = parseFixture('yeastar-newcdr.ndjson', 'yeastar');
    expect(callAt(lines, 1)).toMatchObject({ direction: 'internal', ext: '1001', number: '1005', ringSec: 11, durationSec: 10, end: '2019-01-13T23:03:23' });
    expect(callAt(lines, 2)).toMatchObject({ direction: 'out', ext: '1005', number: '9283737733', trunk: 'SPS-6-36', ringSec: 3 });
  });
});
