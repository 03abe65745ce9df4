import { create } from 'zustand';
import type { JournalEntry } from '../../../shared/api/calls';
import type { StoredCall } from '../../../shared/domain/switchboard';
import { toStoredCall } from './stored-call';

/**
 * Calls the PBX service announced (`calls:logged`, sent only once the line is
 * fsynced in the journal) that the call log shows at once, before their Dexie
 * rows land: the write, its outbox row and the live query's re-run take tens
 * of milliseconds the operator should not wait for (issue 4, p95 ≤ 100 ms).
 *
 * The stored row always wins: `mergeArrived` drops an arrived call whose id
 * the live query already has, so a call is never shown twice, and the log
 * prunes what it has seen stored. The list is capped at what the log holds,
 * so calls announced while the log is not on screen cannot pile up without
 * bound (their stored rows show when it is), and a burst never shows with a
 * gap (a smaller cap would hide its older part until stored).
 */
/** How many calls the live log holds in memory; older ones are in the phone bill and the register of calls. */
export const LOG_LIMIT = 5000;
export const ARRIVED_CAP = LOG_LIMIT;

interface ArrivedCalls {
  /** Newest first (journal sequence), at most ARRIVED_CAP. */
  calls: readonly StoredCall[];
  add: (entries: readonly JournalEntry[]) => void;
  /** Forgets the arrived calls whose ids the stored rows now hold. */
  settle: (storedIds: ReadonlySet<string>) => void;
}

const bySeqDesc = (a: StoredCall, b: StoredCall): number => b.seq - a.seq;

export const useArrivedCalls = create<ArrivedCalls>((set) => ({
  calls: [],
  add: (entries) => {
    const fresh = entries.map(toStoredCall).filter((c): c is StoredCall => c !== null);
    if (fresh.length === 0) return;
    set((s) => {
      const ids = new Set(s.calls.map((c) => c.id));
      const added = fresh.filter((c) => !ids.has(c.id));
      if (added.length === 0) return s;
      return { calls: [...added, ...s.calls].sort(bySeqDesc).slice(0, ARRIVED_CAP) };
    });
  },
  settle: (storedIds) =>
    set((s) => {
      const left = s.calls.filter((c) => !storedIds.has(c.id));
      return left.length === s.calls.length ? s : { calls: left };
    }),
}));

/**
 * The live query's rows (newest first by sequence) with the arrived calls it
 * does not hold yet, newest first, at most `limit`. Each id once: a stored row
 * replaces the arrived one with the same id (the journal id is the call id).
 */
export function mergeArrived(stored: readonly StoredCall[], arrived: readonly StoredCall[], limit: number): readonly StoredCall[] {
  if (arrived.length === 0) return stored;
  const have = new Set<string>();
  for (const c of stored) have.add(c.id);
  const missing = arrived.filter((c) => !have.has(c.id));
  if (missing.length === 0) return stored;
  const top = stored[0]?.seq ?? -1;
  // The usual case: everything missing is newer than the newest stored row.
  const merged = missing.every((c) => c.seq > top) ? [...missing, ...stored] : [...missing, ...stored].sort(bySeqDesc);
  return merged.length > limit ? merged.slice(0, limit) : merged;
}

/** Ids of the arrived calls that `stored` already holds (what `settle` may forget). */
export function storedAmong(stored: readonly StoredCall[], arrived: readonly StoredCall[]): ReadonlySet<string> {
  if (arrived.length === 0) return new Set();
  const wanted = new Set(arrived.map((c) => c.id));
  const found = new Set<string>();
  for (const c of stored) if (wanted.has(c.id)) found.add(c.id);
  return found;
}
