import { z } from 'zod';

/**
 * One normalized call from a PBX's SMDR/CDR stream (R-C1, R-C2).
 *
 * Times are ISO local `YYYY-MM-DDTHH:MM:SS` in the PBX's own clock (PBXs send no
 * zone), or null where the format gives neither the time nor enough to derive
 * it. `raw` is the decoded line exactly as received, so a call can be re-parsed
 * after a format fix.
 */
export const CALL_DIRECTIONS = ['in', 'out', 'internal'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const DATE_ORDERS = ['mdy', 'dmy', 'ymd'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

const localTime = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);

export const callRecordSchema = z.object({
  /** Stable id from the journal (pbxId + journal offset); null when parsed outside a journal. */
  id: z.string().nullable(),
  pbxId: z.string(),
  format: z.string(),
  start: localTime.nullable(),
  end: localTime.nullable(),
  ext: z.string().nullable(),
  trunk: z.string().nullable(),
  direction: z.enum(CALL_DIRECTIONS),
  /** Digits or name as the PBX gave them, without markers such as `<I>`. */
  number: z.string().nullable(),
  callerName: z.string().nullable(),
  ringSec: z.number().int().nonnegative().nullable(),
  /** Talk time in seconds. */
  durationSec: z.number().int().nonnegative().nullable(),
  cost: z.number().nullable(),
  currency: z.string().nullable(),
  accountCode: z.string().nullable(),
  transferred: z.boolean(),
  forwarded: z.boolean(),
  unanswered: z.boolean(),
  raw: z.string(),
});
export type CallRecord = z.infer<typeof callRecordSchema>;

/** What a format module extracts from one line; the pipeline adds id, pbxId, format and raw. */
export type CallFields = Omit<CallRecord, 'id' | 'pbxId' | 'format' | 'raw'>;

export const NON_CALL_KINDS = ['header', 'blank', 'status'] as const;
export type NonCallKind = (typeof NON_CALL_KINDS)[number];

/**
 * The outcome of parsing one line. Invariant: every input line yields exactly
 * one outcome — a line nothing understands is `unrecognized`, never dropped.
 */
export type LineOutcome =
  | { kind: 'call'; call: CallFields }
  | { kind: NonCallKind }
  | { kind: 'unrecognized'; reason: string };

// Calendar arithmetic on plain integers (proleptic Gregorian, days since
// 1970-01-01, Hinnant's algorithms): no Date objects on the parse hot path.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

// Formatting dominated the parse profile (padStart, template literals, array
// returns): two-digit strings come from a table, and the date part is cached
// because consecutive SMDR lines nearly always share their day.
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
let cachedDayKey = -1;
let cachedDayPrefix = '';

function dayPrefix(y: number, mo: number, d: number): string {
  const key = (y * 13 + mo) * 32 + d;
  if (key !== cachedDayKey) {
    cachedDayPrefix = `${y < 1000 ? String(y).padStart(4, '0') : String(y)}-${TWO_DIGITS[mo]!}-${TWO_DIGITS[d]!}T`;
    cachedDayKey = key;
  }
  return cachedDayPrefix;
}

function format(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  return `${dayPrefix(y, mo, d)}${TWO_DIGITS[h]!}:${TWO_DIGITS[mi]!}:${TWO_DIGITS[s]!}`;
}

/** Builds `YYYY-MM-DDTHH:MM:SS`, or null when a part is out of range (e.g. `**` dates, 02/30). */
export function localTimeOf(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(mo) || !Number.isInteger(d) || !Number.isInteger(h) || !Number.isInteger(mi) || !Number.isInteger(s)) return null;
  if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1) return null;
  const dim = mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!;
  if (d > dim || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return null;
  return format(y, mo, d, h, mi, s);
}

const LOCAL_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)$/;

/** A wall-clock `YYYY-MM-DDTHH:MM:SS` shifted by `deltaSec` seconds; pure calendar arithmetic, no zone. */
export function shiftLocalTime(iso: string, deltaSec: number): string {
  const m = LOCAL_TIME.exec(iso);
  if (!m) return iso;
  return shiftedLocalTime(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, deltaSec);
}

/** `YYYY-MM-DDTHH:MM:SS` of a valid wall-clock time plus `deltaSec`; callers validate with `localTimeOf` first. */
export function shiftedLocalTime(y: number, mo: number, d: number, h: number, mi: number, s: number, deltaSec: number): string {
  const secOfDay = h * 3600 + mi * 60 + s + deltaSec;
  // Most calls start and end on the same day: no calendar arithmetic needed.
  if (secOfDay >= 0 && secOfDay < 86400 && Number.isInteger(secOfDay)) return timeOnDay(y, mo, d, secOfDay);
  const total = daysFromCivil(y, mo, d) * 86400 + secOfDay;
  const days = Math.floor(total / 86400);
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const nd = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const nmo = mp < 10 ? mp + 3 : mp - 9;
  const ny = yoe + era * 400 + (nmo <= 2 ? 1 : 0);
  const rest = total - days * 86400;
  return format(ny, nmo, nd, Math.floor(rest / 3600), Math.floor((rest % 3600) / 60), rest % 60);
}

function timeOnDay(y: number, mo: number, d: number, secOfDay: number): string {
  const h = (secOfDay / 3600) | 0;
  const rest = secOfDay - h * 3600;
  const mi = (rest / 60) | 0;
  return format(y, mo, d, h, mi, rest - mi * 60);
}
