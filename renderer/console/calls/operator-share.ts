import type { StoredCall } from '../../../shared/domain/switchboard';

/** Who was signed in at the desk from `at` on (ISO instant), until the next entry. */
export interface OperatorShift {
  at: string;
  operator: string;
}

export interface OperatorShare {
  operator: string;
  incoming: number;
  answered: number;
  /** Answered within the ring threshold (R-C4). */
  withinThreshold: number;
  unanswered: number;
}

/** Typing a name changes it on every key: a change this soon after the last one is the same handover. */
export const HANDOVER_COALESCE_MS = 60_000;

/**
 * Adds a sign-in to the log. The name field changes on every key, so: a name
 * that extends the last one within a minute is the same handover still being
 * typed (the name is completed, the time kept); a name the last one starts
 * with is someone deleting towards a new name, not a handover.
 */
export function addShift(log: readonly OperatorShift[], operator: string, at: Date): OperatorShift[] {
  const last = log.at(-1);
  if (!last) return [{ at: at.toISOString(), operator }];
  if (last.operator.startsWith(operator)) return [...log];
  if (operator.startsWith(last.operator) && at.getTime() - Date.parse(last.at) < HANDOVER_COALESCE_MS) return [...log.slice(0, -1), { at: last.at, operator }];
  return [...log, { at: at.toISOString(), operator }];
}

/** A call's moment: the PBX's start time (local), else when the desk received the line. */
function callTime(c: StoredCall): number {
  return c.start ? new Date(c.start).getTime() : Date.parse(c.receivedAt);
}

/**
 * R-C4 / R-M1 per operator shift: each incoming call counts for whoever was
 * signed in at the console when it rang (the last handover at or before its
 * start), missed calls included; calls before the first sign-in count for
 * `nobody`. Sorted by operator name.
 */
export function operatorShares(
  calls: readonly StoredCall[],
  log: readonly OperatorShift[],
  thresholdSec: number,
  nobody: string,
): OperatorShare[] {
  const shifts = [...log]
    .map((s) => ({ t: Date.parse(s.at), operator: s.operator }))
    .sort((a, b) => a.t - b.t);
  const by = new Map<string, OperatorShare>();
  for (const c of calls) {
    if (c.direction !== 'in') continue;
    const t = callTime(c);
    let who = nobody;
    // Binary search: the last shift starting at or before t.
    let lo = 0;
    let hi = shifts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (shifts[mid]!.t <= t) {
        who = shifts[mid]!.operator;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const row = by.get(who) ?? {
      operator: who,
      incoming: 0,
      answered: 0,
      withinThreshold: 0,
      unanswered: 0,
    };
    row.incoming++;
    if (c.unanswered) row.unanswered++;
    else {
      row.answered++;
      if (c.ringSec !== null && c.ringSec <= thresholdSec) row.withinThreshold++;
    }
    by.set(who, row);
  }
  return [...by.values()].sort((a, b) => a.operator.localeCompare(b.operator, 'zh-CN'));
}
