import { localTimeOf, shiftLocalTime } from '../../../shared/domain/call';
import type { CallFields, LineOutcome } from '../../../shared/domain/call';
import { splitQuotedCsv } from './csv';
import { blankCall, clockSeconds, text } from './fields';
import { scoreByParse } from './score';
import type { SmdrFormat } from './types';

/**
 * A user-defined layout (settings → PBX → custom) for a PBX not in the list:
 * either fixed columns (`[start, end)` per field, 0-based) or a CSV field map
 * (column index per field). Same shape as `customLayout` in shared/api/calls.ts.
 */
export interface CustomLayout {
  kind: 'fixed' | 'csv';
  fields: Record<string, readonly [number, number] | number>;
  /** e.g. `YYYY-MM-DD hh:mm:ss`, `MM/DD/YY hh:mmA`; date and time fields are joined by a space first. */
  dateFormat: string;
}

export const CUSTOM_FIELDS = [
  'startDate',
  'startTime',
  'endDate',
  'endTime',
  'ext',
  'trunk',
  'direction',
  'number',
  'callerName',
  'ringSec',
  'durationSec',
  'cost',
  'accountCode',
] as const;
export type CustomField = (typeof CUSTOM_FIELDS)[number];

export const DEFAULT_CUSTOM_DATE_FORMAT = 'YYYY-MM-DD hh:mm:ss';

interface DatePattern {
  regex: RegExp;
  /** Token per capture group, in order. */
  tokens: string[];
}

const TOKEN = /YYYY|YY|MM|DD|hh|HH|mm|ss|A/g;
const TOKEN_RE: Record<string, string> = { YYYY: '(\\d{4})', YY: '(\\d\\d)', MM: '(\\d{1,2})', DD: '(\\d{1,2})', hh: '(\\d{1,2})', HH: '(\\d{1,2})', mm: '(\\d\\d)', ss: '(\\d\\d)', A: '([AaPp][Mm])' };

/** Compiles a date format once per layout: tokens become groups, spaces match any run of blanks. */
export function compileDateFormat(format: string): DatePattern {
  const tokens: string[] = [];
  let source = '';
  let last = 0;
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  for (const m of format.matchAll(TOKEN)) {
    source += escape(format.slice(last, m.index)) + TOKEN_RE[m[0]]!;
    tokens.push(m[0]);
    last = m.index + m[0].length;
  }
  source += escape(format.slice(last));
  return { regex: new RegExp(`^${source}$`), tokens };
}

function parseDate(pattern: DatePattern, s: string): string | null {
  const m = pattern.regex.exec(s.trim());
  if (!m) return null;
  const v: Record<string, string> = {};
  pattern.tokens.forEach((t, i) => (v[t] = m[i + 1]!));
  const year = v['YYYY'] !== undefined ? +v['YYYY'] : v['YY'] !== undefined ? 2000 + +v['YY'] : NaN;
  let hour = +(v['hh'] ?? v['HH'] ?? 0);
  const ampm = v['A']?.toUpperCase();
  if (ampm === 'AM' && hour === 12) hour = 0;
  if (ampm === 'PM' && hour < 12) hour += 12;
  return localTimeOf(year, +(v['MM'] ?? NaN), +(v['DD'] ?? NaN), hour, +(v['mm'] ?? 0), +(v['ss'] ?? 0));
}

/** Seconds from `65`, `1:05`, `00:01:05` or Panasonic `00:01'05` / `0'05`. */
function seconds(s: string | null): number | null {
  if (s === null) return null;
  if (/^\d+$/.test(s)) return Number(s);
  const mmss = /^(\d{1,3})[:'’](\d\d)$/.exec(s);
  if (mmss) return +mmss[1]! * 60 + +mmss[2]!;
  return clockSeconds(s);
}

const DIRECTIONS: Record<string, CallFields['direction']> = {
  I: 'in', IN: 'in', INCOMING: 'in', '<I>': 'in', '1': 'in',
  O: 'out', OUT: 'out', OUTGOING: 'out', '0': 'out',
  E: 'internal', INT: 'internal', INTERNAL: 'internal', '2': 'internal',
};

function directionOf(value: string | null, number: string | null): CallFields['direction'] {
  const mapped = value === null ? undefined : DIRECTIONS[value.toUpperCase()];
  if (mapped !== undefined) return mapped;
  // No direction column: an extension-length number is an internal call.
  return number !== null && /^\d{1,5}$/.test(number) ? 'internal' : 'out';
}

/** Builds the `custom` format for one layout; like every format, its parser never throws. */
export function customFormat(layout: CustomLayout): SmdrFormat {
  const pattern = compileDateFormat(layout.dateFormat.trim() === '' ? DEFAULT_CUSTOM_DATE_FORMAT : layout.dateFormat);
  const hasDates = ['startDate', 'startTime', 'endDate', 'endTime'].some((f) => f in layout.fields);

  const parse = (line: string): LineOutcome => {
    if (line.trim() === '') return { kind: 'blank' };
    const cells = layout.kind === 'csv' ? splitQuotedCsv(line) : null;
    if (layout.kind === 'csv' && cells === null) return { kind: 'unrecognized', reason: 'unterminated quote' };
    const field = (name: CustomField): string | null => {
      const at = layout.fields[name];
      if (at === undefined) return null;
      if (typeof at === 'number') return text(cells?.[at]);
      return layout.kind === 'fixed' ? text(line.slice(at[0], at[1])) : null;
    };
    const when = (date: CustomField, time: CustomField): string | null => {
      const joined = [field(date), field(time)].filter((s) => s !== null).join(' ');
      return joined === '' ? null : parseDate(pattern, joined);
    };
    let start = when('startDate', 'startTime');
    let end = when('endDate', 'endTime');
    const ringSec = seconds(field('ringSec'));
    const durationSec = seconds(field('durationSec'));
    const understood = hasDates ? start !== null || end !== null : durationSec !== null;
    if (!understood) {
      return /\d/.test(line) ? { kind: 'unrecognized', reason: 'no date, time or duration where the layout puts them' } : { kind: 'header' };
    }
    const span = (ringSec ?? 0) + (durationSec ?? 0);
    if (start === null && end !== null && durationSec !== null) start = shiftLocalTime(end, -span);
    if (end === null && start !== null && durationSec !== null) end = shiftLocalTime(start, span);
    const number = field('number');
    const costText = field('cost');
    const cost = costText !== null && /^\d+(\.\d+)?$/.test(costText) ? Number(costText) : null;
    const call: CallFields = { ...blankCall(directionOf(field('direction'), number)), start, end, number, ringSec, durationSec, cost };
    call.ext = field('ext');
    call.trunk = field('trunk');
    call.callerName = field('callerName');
    call.accountCode = field('accountCode');
    call.unanswered = call.direction === 'in' && durationSec === 0;
    return { kind: 'call', call };
  };

  return { name: 'custom', charset: 'latin1', parse, detect: (lines) => scoreByParse(parse, lines) };
}
