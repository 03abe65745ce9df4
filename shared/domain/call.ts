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

/** A wall-clock `YYYY-MM-DDTHH:MM:SS` shifted by `deltaSec` seconds; pure calendar arithmetic, no zone. */
export function shiftLocalTime(iso: string, deltaSec: number): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)$/.exec(iso);
  if (!m) return iso;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) + deltaSec * 1000;
  return new Date(ms).toISOString().slice(0, 19);
}

/** Builds `YYYY-MM-DDTHH:MM:SS`, or null when a part is out of range (e.g. `**` dates). */
export function localTimeOf(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const dt = new Date(ms);
  if (
    !Number.isFinite(ms) ||
    dt.getUTCFullYear() !== y ||
    dt.getUTCMonth() !== mo - 1 ||
    dt.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    return null;
  return dt.toISOString().slice(0, 19);
}
