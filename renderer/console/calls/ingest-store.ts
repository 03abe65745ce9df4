/**
 * The storage half of the call log's ingest: pure Dexie work with no transport,
 * so it runs under plain Node in the unit tests (ingest.ts adds the bridge).
 */
import type { JournalEntry, PbxStatus } from '../../../shared/api/calls';
import type { SmdrLine, StoredCall } from '../../../shared/domain/switchboard';
import { commit } from '../../db/commit';
import { db } from '../../db/schema';
import { toStoredCall } from './stored-call';

export const CURSOR_KEY = 'calls.journalSeq';
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

