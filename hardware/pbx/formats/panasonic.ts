import { localTimeOf, shiftedLocalTime } from '../../../shared/domain/call';
import type { CallFields, DateOrder, LineOutcome } from '../../../shared/domain/call';
import { blankCall, clockSeconds, text } from './fields';
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
  const ta = KX_TA_INCOMING.exec(dial);
  if (ta) return { direction: 'in', number: text(ta[1]), callerName: null };
  const incoming = /<I>/.exec(dial);
  if (incoming) {
    const number = text(dial.slice(incoming.index + 3));
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

function parseLine(line: string, ctx: ParseContext, timeIsStart: boolean): LineOutcome {
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

  const tail = after === '' ? [] : after.split(/\s+/);
  let cost: number | null = null;
  let currency: string | null = null;
  const costMatch = COST.exec(tail[0] ?? '');
  if (costMatch) {
    cost = Number(costMatch[1]);
    currency = costMatch[2]!;
    tail.shift();
  }
  let cd: string | null = null;
  const lastTail = tail[tail.length - 1];
  if (lastTail !== undefined && CONDITION_CODES.has(lastTail.replace(/^\*/, ''))) {
    cd = lastTail.replace(/^\*/, '');
    tail.pop();
  }
  const account = tail.filter((t) => !/^\.+$/.test(t)).join(' ');

  const when = stamp(head, ctx.dateOrder);
  const durationSec = clockSeconds(dur[1]);
  const call: CallFields = { ...blankCall('out'), ...dialNumber(dial, cd) };
  call.ext = parts[1]!;
  call.trunk = noTrunk ? null : parts[2]!;
  call.ringSec = ringSec;
  call.durationSec = durationSec;
  call.cost = cost;
  call.currency = currency;
  call.accountCode = text(account);
  call.transferred = cd === 'TR' || when.transferMark || dial.includes('–');
  call.forwarded = cd === 'FW';
  call.unanswered = cd === 'NA';
  if (when.parts !== null) {
    const [y, mo, d, h, mi] = when.parts;
    const printed = shiftedLocalTime(y, mo, d, h, mi, 0, 0);
    const talkAndRing = (durationSec ?? 0) + (ringSec ?? 0);
    const other = durationSec === null ? null : shiftedLocalTime(y, mo, d, h, mi, 0, timeIsStart ? talkAndRing : -talkAndRing);
    call.start = timeIsStart ? printed : other;
    call.end = timeIsStart ? other : printed;
  }
  return { kind: 'call', call };
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
