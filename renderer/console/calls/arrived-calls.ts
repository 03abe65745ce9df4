import { useEffect } from 'react';
import { create } from 'zustand';
import type { JournalEntry } from '../../../shared/api/calls';
import type { StoredCall } from '../../../shared/domain/switchboard';
import { db, type FrontdeskDb } from '../../db/schema';
import { toStoredCall } from './stored-call';

/**
 * Calls the PBX service announced (`calls:logged`, sent only once the line is
 * fsynced in the journal) that the console shows at once, before their Dexie
 * rows land: the write, its outbox row and the live query's re-run take tens
 * of milliseconds — more while sync runs — that the operator should not wait
 * for (issue 4, p95 ≤ 100 ms).
 *
 * Invariants:
 * - The stored row always wins: `mergeArrived` drops an arrived call whose id
 *   the stored rows hold, so a call is never shown twice, and what the desk
 *   did to it (its call-back state) is what is shown.
 * - An arrived call stays until its stored row is seen (`settle`), however
 *   long its store takes; a failed store keeps it in view (`failed`) while
 *   the ingest retries it — nothing announced is dropped from view.
 * - Anything done to a call goes to its stored row: `whenStored(id)` resolves
 *   once the ingest transaction holding it has committed.
 * - At most LOG_LIMIT (what the log holds), newest first.
 */
/** How many calls the live log holds in memory; older ones are in the phone bill and the register of calls. */
export const LOG_LIMIT = 5000;

interface ArrivedCalls {
  /** Newest first (journal sequence), at most LOG_LIMIT. */
  calls: readonly StoredCall[];
  /** Ids whose store failed and is being retried. */
  failed: ReadonlySet<string>;
  add: (entries: readonly JournalEntry[]) => void;
  /** Forgets the arrived calls whose ids the stored rows now hold. */
  settle: (storedIds: ReadonlySet<string>) => void;
  markFailed: (ids: readonly string[]) => void;
}

const bySeqDesc = (a: StoredCall, b: StoredCall): number => b.seq - a.seq;

export const useArrivedCalls = create<ArrivedCalls>((set) => ({
  calls: [],
  failed: new Set(),
  add: (entries) => {
    const fresh = entries.map(toStoredCall).filter((c): c is StoredCall => c !== null);
    if (fresh.length === 0) return;
    set((s) => {
      const ids = new Set(s.calls.map((c) => c.id));
      const added = fresh.filter((c) => !ids.has(c.id));
      if (added.length === 0) return s;
      return { calls: [...added, ...s.calls].sort(bySeqDesc).slice(0, LOG_LIMIT) };
    });
  },
  settle: (storedIds) =>
    set((s) => {
      const left = s.calls.filter((c) => !storedIds.has(c.id));
      if (left.length === s.calls.length) return s;
      const failed = new Set([...s.failed].filter((id) => !storedIds.has(id)));
      return { calls: left, failed };
    }),
  markFailed: (ids) =>
    set((s) => {
      const shown = new Set(s.calls.map((c) => c.id));
      const more = ids.filter((id) => shown.has(id) && !s.failed.has(id));
      return more.length === 0 ? s : { failed: new Set([...s.failed, ...more]) };
    }),
}));

/**
 * The stored rows (newest first by sequence) with the arrived calls they do
 * not hold yet, newest first, at most `limit`. Each id once: a stored row
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

/** Screens that settle arrived calls from their live query; with none mounted the ingest settles them itself. */
let views = 0;

/** Marks the calling screen as one that shows (and settles) arrived calls while mounted. */
export function useArrivedView(): void {
  useEffect(() => {
    views += 1;
    return () => {
      views -= 1;
    };
  }, []);
}

interface Waiter {
  promise: Promise<void>;
  resolve: () => void;
}
const waiters = new Map<string, Waiter>();

/**
 * Resolves once the call `id` is stored in Dexie: at once if it already is,
 * else when the ingest transaction that stores it commits. The waiter is
 * registered before the table is read, so a commit in between is not missed.
 */
export function whenStored(id: string, database: FrontdeskDb = db): Promise<void> {
  let w = waiters.get(id);
  if (w === undefined) {
    let resolve = (): void => undefined;
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    w = { promise, resolve };
    waiters.set(id, w);
    database.calls.get(id).then(
      (row) => {
        if (row !== undefined) markStored([id]);
      },
      () => undefined,
    );
  }
  return w.promise;
}

/** The ingest committed these ids (stored now or already before): wakes their waiters. */
export function markStored(ids: Iterable<string>): void {
  const all = [...ids];
  for (const id of all) {
    const w = waiters.get(id);
    if (w !== undefined) {
      waiters.delete(id);
      w.resolve();
    }
  }
  // Nobody is looking at a live query that would settle them: forget them here.
  if (views === 0) useArrivedCalls.getState().settle(new Set(all));
}
