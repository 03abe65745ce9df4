import type { JournalEntry } from '../../../shared/api/calls';
import type { StoredCall } from '../../../shared/domain/switchboard';
import { localDay } from '../../db/terms';

/** A journal call as the console stores it; a missed incoming call opens a call-back (R-C5). */
export function toStoredCall(e: JournalEntry): StoredCall | null {
  if (e.kind !== 'call' || !e.call) return null;
  const c = e.call;
  const missed = c.direction === 'in' && c.unanswered;
  return {
    ...c,
    id: e.id,
    seq: e.seq,
    receivedAt: e.receivedAt,
    day: c.start ? c.start.slice(0, 10) : localDay(e.receivedAt),
    ...(missed ? { callback: 'open' as const, callbackLog: [] } : {}),
  };
}
