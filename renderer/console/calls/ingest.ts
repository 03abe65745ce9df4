import { useEffect } from 'react';
import type { JournalEntry, PbxStatus } from '../../../shared/api/calls';
import { db } from '../../db/schema';
import { call, getBridge } from '../../transport/api';
import { useArrivedCalls } from './arrived-calls';
import { CURSOR_KEY, ingestEntries, isTransition } from './ingest-store';
import { useSwitchboard } from './switchboard-ui';

export { toStoredCall } from './stored-call';
export { CURSOR_KEY, PBX_ACTOR, ingestEntries, isTransition } from './ingest-store';

const PAGE = 500;

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
