import { useEffect } from 'react';
import type { JournalEntry, PbxStatus } from '../../../shared/api/calls';
import type { SmdrLine, StoredCall } from '../../../shared/domain/switchboard';
import { commit } from '../../db/commit';
import { db } from '../../db/schema';
import { call, getBridge } from '../../transport/api';
import { useArrivedCalls } from './arrived-calls';
import { toStoredCall } from './stored-call';
import { useSwitchboard } from './switchboard-ui';

export { toStoredCall } from './stored-call';

export const CURSOR_KEY = 'calls.journalSeq';
const PAGE = 500;
/** The actor of rows the PBX wrote: nobody at the desk made them. */
export const PBX_ACTOR = 'PBX';

/**
 * Writes journal entries into Dexie in one transaction, each only if its id is
 * absent: the journal's ids are stable, so a replay or a second console never
 * duplicates a call nor resets what the desk recorded on it (its call-back
 * state). Unrecognized lines are kept as rows of their own (R-C1). The
 * catch-up cursor moves in the same transaction, so it never runs ahead of the
 * rows (it is local: meta is not synced) and only ever moves forward.
 */
export async function ingestEntries(entries: readonly JournalEntry[], database = db): Promise<void> {
  if (entries.length === 0) return;
  const calls = new Map<string, StoredCall>();
  const lines = new Map<string, SmdrLine>();
  for (const e of entries) {
    const stored = toStoredCall(e);
    if (stored) calls.set(stored.id, stored);
    else if (e.kind === 'unrecognized') lines.set(e.id, { id: e.id, seq: e.seq, receivedAt: e.receivedAt, raw: e.raw, reason: e.reason });
  }
  const top = Math.max(...entries.map((e) => e.seq));
  await commit(
    PBX_ACTOR,
    async (w) => {
      const [haveCalls, haveLines, cursor] = await Promise.all([
        database.calls.bulkGet([...calls.keys()]),
        database.smdrLines.bulkGet([...lines.keys()]),
        database.meta.get(CURSOR_KEY),
      ]);
      let i = 0;
      for (const c of calls.values()) if (!haveCalls[i++]) await w.put('calls', c);
      i = 0;
      for (const l of lines.values()) if (!haveLines[i++]) await w.put('smdrLines', l);
      if (top > Number(cursor?.value ?? -1)) await database.meta.put({ key: CURSOR_KEY, value: String(top) });
    },
    database,
  );
}

/** The link came up, went down, went silent or was reconfigured: not a mere new line. */
export function isTransition(before: PbxStatus | null, after: PbxStatus): boolean {
  return before === null || before.state !== after.state || before.since !== after.since || before.source !== after.source;
}

/** Stores every journal entry after the cursor, a page at a time; returns the last sequence read. */
async function catchUp(): Promise<number> {
  for (;;) {
    const afterSeq = Number((await db.meta.get(CURSOR_KEY))?.value ?? -1);
    const page = await call('calls:since', { afterSeq, limit: PAGE });
    await ingestEntries(page.entries);
    if (!page.hasMore || page.entries.length === 0) return page.entries.at(-1)?.seq ?? afterSeq;
  }
}

/**
 * On console start: follow the PBX link's status, subscribe to new journal
 * entries, then read everything after the last stored sequence. Entries are
 * written one batch after another so the cursor never runs ahead of the data.
 *
 * An announced call is shown at once from the event (useArrivedCalls) while its
 * batch is written; a burst costs one transaction. The journal is read back
 * (`calls:since`) only when something may have been missed: at start, when the
 * link's state changes, when the sequence of announced entries skips (events
 * lost while the socket was down), and after a write or read that failed —
 * not on the status event that follows every line.
 */
export function useCallIngest(): void {
  useEffect(() => {
    const bridge = getBridge();
    const sb = useSwitchboard.getState();
    let queue: Promise<void> = Promise.resolve();
    /** Highest journal sequence announced or read back; null until the first. */
    let lastSeq: number | null = null;
    /** A write or read failed: the next event brings a catch-up with it. */
    let behind = false;
    let status: PbxStatus | null = null;
    const enqueue = (work: () => Promise<void>): void => {
      queue = queue.then(work).catch(() => {
        behind = true;
      });
    };
    const readBack = async (): Promise<void> => {
      const seq = await catchUp();
      lastSeq = Math.max(lastSeq ?? -1, seq);
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
      if (entries.length === 0) return;
      useArrivedCalls.getState().add(entries);
      const first = entries[0]!.seq;
      const skipped = lastSeq !== null && first > lastSeq + 1;
      lastSeq = entries.at(-1)!.seq;
      if (pending.length === 0) enqueue(flush);
      pending.push(...entries);
      if (skipped || behind) {
        behind = false;
        enqueue(readBack);
      }
    });
    const offStatus = bridge.on('calls:statusChanged', (s) => {
      sb.setPbx(s);
      const changed = isTransition(status, s);
      status = s;
      // A link that comes back may have journalled lines while this window missed events.
      if (changed) enqueue(readBack);
    });
    call('calls:status', {}).then(
      (s) => {
        status = s;
        sb.setPbx(s);
      },
      () => sb.setPbx(null, true),
    );
    enqueue(readBack);
    return () => {
      offLogged();
      offStatus();
    };
  }, []);
}
