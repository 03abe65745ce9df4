import type { StoredCall } from '../../../shared/domain/switchboard';

export interface DayFigures {
  total: number;
  incoming: number;
  answered: number;
  /** Incoming calls answered within the ring threshold (R-C4). */
  withinThreshold: number;
  unanswered: number;
}

/** Today's header figures; the share within the threshold is counted over all incoming calls, missed ones included. */
export function dayFigures(calls: readonly StoredCall[], thresholdSec: number): DayFigures {
  let incoming = 0;
  let answered = 0;
  let within = 0;
  let unanswered = 0;
  for (const c of calls) {
    if (c.direction !== 'in') continue;
    incoming++;
    if (c.unanswered) {
      unanswered++;
      continue;
    }
    answered++;
    if (c.ringSec !== null && c.ringSec <= thresholdSec) within++;
  }
  return { total: calls.length, incoming, answered, withinThreshold: within, unanswered };
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '--' : `${Math.round((part / whole) * 100)}%`;
}
