import { localTimeOf, shiftedLocalTime } from '../../../shared/domain/call';
import type { CallFields, DateOrder, LineOutcome } from '../../../shared/domain/call';
import { clockSeconds, text } from './fields';
import { scoreByParse } from './score';
import type { ParseContext, SmdrFormat } from './types';

/**
 * Panasonic SMDR (smdr.md §1): KX-TDA/TDE/NCP/NS/NSX patterns A, B and C and the
 * KX-TD predecessors (time = END of call), and KX-TA/TE (time = START of call).
 *
 * Fields are found by their shapes rather than by fixed offsets, so one parser
 * reads pattern A (80 col), B (80 col with cost), C (120 col), printouts whose
 * spacing was collapsed, and KX-TA's variable-width hour (`1:04PM`). The
 * column layouts (0-based A offsets 0/9/17/23/26/52/57/66/77, C offsets
 * 0/9/17/23/28/79/84/93/105/116) are what the tests build their fixtures from.
 */

const DATE = String.raw`(\d\d|\*\*)/(\d\d|\*\*)/(\d\d|\*\*)`;
const TIME = String.raw`(\*?)(\d{1,2}|\*\*):(\d\d|\*\*)(AM|PM|\*\*)?`;
const HEAD = new RegExp(String.raw`^${DATE}\s+${TIME}(?:\s+(.*))?$`);
const DURATION = /(?:^|\s)(\d\d:\d\d['’]\d\d|\*\*:\*\*['’]\*\*)(?=\s|$)/;
const RING_AT_END = /(?:^|\s)(\d{1,2}['’]\d\d|\*['’]\*\*)$/;
const COST = /^(\d+\.\d+)([A-Z]{1,3})$/;
/** Condition codes (KX-NS1000 p.353; KX-TD adds RM, D1–D4, `*`-prefixed DISA codes). */
const CONDITION_CODES = new Set(['TR', 'FW', 'D0', 'D1', 'D2', 'D3', 'D4', 'NA', 'RC', 'AN', 'VR', 'VA', 'RM']);
const INCOMING_CODES = new Set(['RC', 'AN', 'VR', 'VA', 'NA']);
const KX_TA_INCOMING = /^<\s*(?:DISA |DIL |UCD )?(?:incoming|waiting)\s*>\s*(.*)$/i;
const HEADER = /^\s*Date\s+Time\s+Ext/i;
const RULE = /^[\s=_-]*-{5,}[\s=_-]*$/;

function twoDigitYear(yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

function dateParts(a: string, b: string, c: string, order: DateOrder): [number, number, number] | null {
  if ([a, b, c].some((p) => p.includes('*'))) return null;
  const [x, y, z] = [+a, +b, +c];
  if (order === 'mdy') return [twoDigitYear(z), x, y];
  if (order === 'dmy') return [twoDigitYear(z), y, x];
  return [twoDigitYear(x), y, z];
}

function hour24(h: number, ampm: string | undefined): number {
  if (ampm === 'AM') return h === 12 ? 0 : h;
  if (ampm === 'PM') return h === 12 ? 12 : h + 12;
  return h;
}

interface Stamp {
  /** Wall-clock parts, or null when the date or time is starred out or invalid. */
  parts: [number, number, number, number, number] | null;
  transferMark: boolean;
  /** The printed time already formatted, when the caller had it (saves formatting it twice). */
  printed?: string | null;
}

function stamp(m: RegExpExecArray, order: DateOrder): Stamp {
  const [, a, b, c, star, hh, mm, ampm] = m;
  const date = dateParts(a!, b!, c!, order);
  const timeKnown = !hh!.includes('*') && !mm!.includes('*');
  const h = timeKnown ? hour24(+hh!, ampm) : 0;
  const valid = date !== null && timeKnown && localTimeOf(date[0], date[1], date[2], h, +mm!, 0) !== null;
  return { parts: valid ? [date[0], date[1], date[2], h, +mm!] : null, transferMark: star === '*' };
}

/** Splits Dial Number into direction, number and name, removing `<D>…`, `<I>` and `EXT` markers. */
function dialNumber(dial: string, cd: string | null): Pick<CallFields, 'direction' | 'number' | 'callerName'> {
  // Marker checks by index before any regex: this runs once per call on the hot path.
  const ta = dial.charCodeAt(0) === 0x3c ? KX_TA_INCOMING.exec(dial) : null;
  if (ta) return { direction: 'in', number: text(ta[1]), callerName: null };
  const incoming = dial.indexOf('<I>');
  if (incoming !== -1) {
    const number = text(dial.slice(incoming + 3));
    return { direction: 'in', number, callerName: nameOf(number) };
  }
  if (dial.startsWith('<D>')) return { direction: 'in', number: text(dial.slice(3)), callerName: null };
  if (/^EXT\d/.test(dial)) return { direction: 'internal', number: dial.slice(3), callerName: null };
  const direction = cd !== null && INCOMING_CODES.has(cd) ? 'in' : 'out';
  return { direction, number: text(dial), callerName: null };
}

/** `<I>ABC COMPANY12345678` carries a name glued to the number; the name is the part before trailing digits. */
function nameOf(number: string | null): string | null {
  if (number === null || !/[A-Za-z]/.test(number)) return null;
  return text(number.replace(/\d+$/, ''));
}

/** The fields after the dial number, and the times, shared by the regex path and the fixed-column fast path. */
/** `hh:mm'ss` read by character codes when it has exactly that shape; otherwise the shared reader. */
function twoDigits(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
}

function durationSeconds(s: string): number | null {
  if (s.length === 8 && durationAt(s, 0)) return twoDigits(s, 0) * 3600 + twoDigits(s, 3) * 60 + twoDigits(s, 6);
  return clockSeconds(s);
}

function finishCall(when: Stamp, ext: string, trunk: string | null, dial: string, ringSec: number | null, durText: string, after: string, timeIsStart: boolean): LineOutcome {
  const tail = after === '' ? [] : after.split(/\s+/);
  let cost: number | null = null;
  let currency: string | null = null;
  const costMatch = tail.length === 0 ? null : COST.exec(tail[0]!);
  if (costMatch) {
    cost = Number(costMatch[1]);
    currency = costMatch[2]!;
    tail.shift();
  }
  let cd: string | null = null;
  const lastTail = tail[tail.length - 1];
  const code = lastTail === undefined ? undefined : lastTail.charCodeAt(0) === 0x2a ? lastTail.slice(1) : lastTail;
  if (code !== undefined && CONDITION_CODES.has(code)) {
    cd = code;
    tail.pop();
  }
  const account = tail.length === 0 ? '' : tail.filter((t) => !/^\.+$/.test(t)).join(' ');

  const durationSec = durationSeconds(durText);
  const who = dialNumber(dial, cd);
  let start: string | null = null;
  let end: string | null = null;
  if (when.parts !== null) {
    const [y, mo, d, h, mi] = when.parts;
    const printed = when.printed ?? shiftedLocalTime(y, mo, d, h, mi, 0, 0);
    const talkAndRing = (durationSec ?? 0) + (ringSec ?? 0);
    const other = durationSec === null ? null : shiftedLocalTime(y, mo, d, h, mi, 0, timeIsStart ? talkAndRing : -talkAndRing);
    start = timeIsStart ? printed : other;
    end = timeIsStart ? other : printed;
  }
  // One literal in CallFields order: same hidden class for every call, no spreads.
  const call: CallFields = {
    start,
    end,
    ext,
    trunk,
    direction: who.direction,
    number: who.number,
    callerName: who.callerName,
    ringSec,
    durationSec,
    cost,
    currency,
    accountCode: account === '' ? null : text(account),
    transferred: cd === 'TR' || when.transferMark || dial.includes('–'),
    forwarded: cd === 'FW',
    unanswered: cd === 'NA',
  };
  return { kind: 'call', call };
}

const isDigit = (line: string, i: number): boolean => {
  const c = line.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** `00:01'05` at column i. */
function durationAt(line: string, i: number): boolean {
  const q = line[i + 5];
  return isDigit(line, i) && isDigit(line, i + 1) && line[i + 2] === ':' && isDigit(line, i + 3) && isDigit(line, i + 4) && (q === "'" || q === '’') && isDigit(line, i + 6) && isDigit(line, i + 7);
}

/** Columns of `MM/DD/YY hh:mm` that must be digits for the fast path. */
const DATE_TIME_DIGITS = [0, 1, 3, 4, 6, 7, 9, 10, 12, 13] as const;
const INTERCOM = /^(EXT\d|<)/;

const RING_FIELD = /^(?:(\d{1,2})['’](\d\d)|\*['’]\*\*)$/;

/**
 * Fast path for lines exactly on the pattern A or C columns (the usual KX-TDA/NS
 * output): fields are sliced, not searched. Returns null whenever the line is
 * not unambiguously on the columns, and the regex path decides — so for every
 * line the fast path accepts it gives the same outcome as the regex path
 * (checked line by line in test/unit/pbx/panasonic-fast-path.test.ts).
 */
function parseColumns(line: string, ctx: ParseContext, timeIsStart: boolean): LineOutcome | null {
  const n = line.length;
  if (n < 65 || line.charCodeAt(2) !== 0x2f || line.charCodeAt(5) !== 0x2f || line.charCodeAt(8) !== 0x20 || line.charCodeAt(11) !== 0x3a || line.charCodeAt(16) !== 0x20 || line.charCodeAt(22) !== 0x20) return null;
  // Column starts of CO, Dial Number, its end, Ring and Duration: pattern A, else pattern C.
  let co: number, dialAt: number, dialEnd: number, ringAt: number, dur: number;
  if (line.charCodeAt(25) === 0x20 && line.charCodeAt(51) === 0x20 && line.charCodeAt(56) === 0x20 && durationAt(line, 57) && (n === 65 || line.charCodeAt(65) === 0x20)) {
    co = 25;
    dialAt = 26;
    dialEnd = 51;
    ringAt = 52;
    dur = 57;
  } else if (n >= 92 && line.charCodeAt(27) === 0x20 && line.charCodeAt(78) === 0x20 && line.charCodeAt(83) === 0x20 && durationAt(line, 84) && (n === 92 || line.charCodeAt(92) === 0x20)) {
    co = 27;
    dialAt = 28;
    dialEnd = 78;
    ringAt = 79;
    dur = 84;
  } else return null;
  for (let k = 0; k < DATE_TIME_DIGITS.length; k++) if (!isDigit(line, DATE_TIME_DIGITS[k]!)) return null;
  const a = line.charCodeAt(14);
  if ((a !== 0x41 && a !== 0x50) || line.charCodeAt(15) !== 0x4d) return null;
  const ampm = a === 0x41 ? 'AM' : 'PM';
  const ext = line.slice(17, 22).trim();
  const trunk = line.slice(23, co).trim();
  const dial = line.slice(dialAt, dialEnd).trim();
  if (ext === '' || ext.includes(' ') || trunk.includes(' ') || dial.includes('  ') || dial.includes("'") || dial.includes('’')) return null;
  if (trunk === '' ? !INTERCOM.test(dial) : INTERCOM.test(trunk)) return null;
  const ringText = line.slice(ringAt, dur - 1).trim();
  let ringSec: number | null = null;
  if (ringText !== '') {
    const r = RING_FIELD.exec(ringText);
    if (!r) return null;
    ringSec = r[1] === undefined ? null : Number(r[1]) * 60 + Number(r[2]);
  }
  // The date columns were checked to be digits above, so no `**` here: read them as numbers.
  const p = twoDigits(line, 0);
  const q = twoDigits(line, 3);
  const r = twoDigits(line, 6);
  const order = ctx.dateOrder;
  const y = order === 'ymd' ? twoDigitYear(p) : twoDigitYear(r);
  const mo = order === 'mdy' ? p : q;
  const d = order === 'mdy' ? q : order === 'dmy' ? p : r;
  const h = hour24(twoDigits(line, 9), ampm);
  const mi = twoDigits(line, 12);
  const printed = localTimeOf(y, mo, d, h, mi, 0);
  const when: Stamp = { parts: printed !== null ? [y, mo, d, h, mi] : null, transferMark: false, printed };
  return finishCall(when, ext, trunk === '' ? null : trunk, dial, ringSec, line.slice(dur, dur + 8), n > dur + 8 ? line.slice(dur + 8).trim() : '', timeIsStart);
}

function parseLine(line: string, ctx: ParseContext, timeIsStart: boolean): LineOutcome {
  return parseColumns(line, ctx, timeIsStart) ?? parseLineByShape(line, ctx, timeIsStart);
}

/** The regex path: finds fields by their shapes (collapsed spacing, KX-TA, KX-TD). */
export function parseLineByShape(line: string, ctx: ParseContext, timeIsStart: boolean): LineOutcome {
  if (line.trim() === '') return { kind: 'blank' };
  if (HEADER.test(line) || RULE.test(line)) return { kind: 'header' };
  // Modem initialisation strings appear on serial lines shared with a modem.
  if (/^AT[A-Z&]/.test(line)) return { kind: 'status' };
  const head = HEAD.exec(line.trimEnd());
  if (!head) return { kind: 'unrecognized', reason: 'no Panasonic date and time' };
  const rest = head[8] ?? '';
  const dur = DURATION.exec(rest);
  // LOG IN/OUT, Check in/out, Timed Reminder, In the office…: dated rows without a duration.
  if (!dur) return { kind: 'status' };

  const before = rest.slice(0, dur.index).trim();
  const after = rest.slice(dur.index + dur[0].length).trim();
  const parts = /^(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(before);
  if (!parts) return { kind: 'unrecognized', reason: 'no extension and trunk before the duration' };
  // Intercom rows leave CO blank, so the second token is already the Dial Number (`EXT1235`, `<I>…`).
  const noTrunk = /^(EXT\d|<)/.test(parts[2]!);
  let dial = noTrunk ? `${parts[2]!} ${parts[3] ?? ''}`.trim() : (parts[3] ?? '');
  let ringSec: number | null = null;
  const ring = RING_AT_END.exec(dial);
  if (ring) {
    dial = dial.slice(0, ring.index).trim();
    const ms = /^(\d{1,2})['’](\d\d)$/.exec(ring[1]!);
    ringSec = ms ? Number(ms[1]) * 60 + Number(ms[2]) : null;
  }

  return finishCall(stamp(head, ctx.dateOrder), parts[1]!, noTrunk ? null : parts[2]!, dial, ringSec, dur[1]!, after, timeIsStart);
}

/** KX-TA's own marks: `< incoming >` and an hour without its leading zero. */
const KX_TA_MARK = /<\s*(?:DISA |DIL |UCD )?incoming\s*>|^\S{8}\s+\*?\d:\d\d[AP]M/i;

function parseEnd(line: string, ctx: ParseContext): LineOutcome {
  return parseLine(line, ctx, false);
}

function parseStart(line: string, ctx: ParseContext): LineOutcome {
  return parseLine(line, ctx, true);
}

/** KX-TDA/TDE/NCP/NS/NSX and KX-TD: the printed time is the end of the call. */
export const panasonic: SmdrFormat = {
  name: 'panasonic',
  charset: 'latin1',
  parse: parseEnd,
  detect: (lines) => scoreByParse(parseEnd, lines) * (lines.some((l) => KX_TA_MARK.test(l)) ? 0.98 : 1),
};

/** KX-TA/TE/TES/TEA: the printed time is the start of the call; `*` before it marks a transfer. */
export const panasonicTa: SmdrFormat = {
  name: 'panasonic-ta',
  charset: 'latin1',
  parse: parseStart,
  detect: (lines) => scoreByParse(parseStart, lines) * (lines.some((l) => KX_TA_MARK.test(l)) ? 1 : 0.98),
};
