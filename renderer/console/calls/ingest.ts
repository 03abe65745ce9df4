import { useEffect } from 'react';
import type { JournalEntry } from '../../../shared/api/calls';
import type { SmdrLine, StoredCall } from '../../../shared/domain/switchboard';
import { commit } from '../../db/commit';
import { db } from '../../db/schema';
import { localDay } from '../../db/terms';
import { call, getBridge } from '../../transport/api';
import { useSwitchboard } from './switchboard-ui';

const CURSOR_KEY = 'calls.journalSeq';
const PAGE = 500;
/** The actor of rows the PBX wrote: nobody at the desk made them. */
export const PBX_ACTOR = 'PBX';

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

/**
 * Writes journal entries into Dexie, each only if its id is absent: the
 * journal's ids are stable, so a replay or a second console never duplicates
 * a call nor resets what the desk recorded on it (its call-back state).
 * Unrecognized lines are kept as rows of their own (R-C1).
 */
export async function ingestEntries(entries: readonly JournalEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await commit(PBX_ACTOR, async (w) => {
    for (const e of entries) {
      const stored = toStoredCall(e);
      if (stored) {
        if (!(await db.calls.get(stored.id))) await w.put('calls', stored);
      } else if (e.kind === 'unrecognized' && !(await db.smdrLines.get(e.id))) {
        const line: SmdrLine = { id: e.id, seq: e.seq, receivedAt: e.receivedAt, raw: e.raw, reason: e.reason };
        await w.put('smdrLines', line);
      }
    }
  });
  // The cursor is local (meta is not synced) and only ever moves forward; a crash
  // before this line means a harmless re-read of entries already stored.
  const top = Math.max(...entries.map((e) => e.seq));
  const current = Number((await db.meta.get(CURSOR_KEY))?.value ?? -1);
  if (top > current) await db.meta.put({ key: CURSOR_KEY, value: String(top) });
}

async function catchUp(): Promise<void> {
  for (;;) {
    const afterSeq = Number((await db.meta.get(CURSOR_KEY))?.value ?? -1);
    const page = await call('calls:since', { afterSeq, limit: PAGE });
    await ingestEntries(page.entries);
    if (!page.hasMore || page.entries.length === 0) return;
  }
}

/**
 * On console start: follow the PBX link's status, subscribe to new journal
 * entries, then read everything after the last stored sequence. Entries are
 * written one batch after another so the cursor never runs ahead of the data.
 */
export function useCallIngest(): void {
  useEffect(() => {
    const bridge = getBridge();
    const sb = useSwitchboard.getState();
    let queue: Promise<void> = Promise.resolve();
    const enqueue = (work: () => Promise<void>): void => {
      // A failed batch (service not running yet, a quota error) is read again by the next catch-up.
      queue = queue.then(work).catch(() => undefined);
    };
    // Entries that arrive while a batch is being written are coalesced into the next one,
    // so a burst from the PBX costs a few transactions, not one per line.
    let pending: JournalEntry[] = [];
    const flush = async (): Promise<void> => {
      const batch = pending;
      pending = [];
      await ingestEntries(batch);
    };
    const offLogged = bridge.on('calls:logged', (entries) => {
      if (pending.length === 0) enqueue(flush);
      pending.push(...entries);
    });
    const offStatus = bridge.on('calls:statusChanged', (s) => {
      sb.setPbx(s);
      // A link that comes back may have journalled lines while this window missed events.
      enqueue(catchUp);
    });
    call('calls:status', {}).then(
      (s) => sb.setPbx(s),
      () => sb.setPbx(null, true),
    );
    enqueue(catchUp);
    return () => {
      offLogged();
      offStatus();
    };
  }, []);
}
