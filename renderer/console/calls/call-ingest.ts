import type { JournalEntry, PbxStatus } from '../../../shared/api/calls';
import type { SmdrLine, StoredCall } from '../../../shared/domain/switchboard';
import { commit } from '../../db/commit';
import { db, type FrontdeskDb } from '../../db/schema';
import { markStored, useArrivedCalls } from './arrived-calls';
import { toStoredCall } from './stored-call';

/**
 * The console's half of the call log (R-C1): journal entries from the PBX
 * service into Dexie, without the transport (so it runs under plain Node in
 * unit tests; ingest.ts wires it to the bridge).
 *
 * Invariants:
 * - The catch-up cursor is per PBX id (`calls.journalSeq:<pbxId>`, local meta,
 *   never synced): each PBX's journal numbers its lines from 1.
 * - "Cursor = n" means every entry of that PBX up to n is stored: it moves in
 *   the same transaction as the rows, only forward, and only over a run with
 *   no hole — a batch from an event that lies past a hole leaves it where it
 *   is, so a catch-up still reads the hole.
 * - One transaction per batch, scoped to calls, smdrLines, outbox and meta.
 * - A row is written only if its id is absent (journal ids are stable), so a
 *   replay, an overlapping page or a second console never duplicates a call
 *   nor resets what the desk recorded on it.
 */

/** The catch-up cursor of one PBX. */
export const cursorKey = (pbxId: string): string => `calls.journalSeq:${pbxId}`;
/** The single cursor of earlier versions (one for all PBX ids); migrated by `migrateLegacyCursor`. */
export const LEGACY_CURSOR_KEY = 'calls.journalSeq';
export const PAGE = 500;
/** The actor of rows the PBX wrote: nobody at the desk made them. */
export const PBX_ACTOR = 'PBX';
/** Tables the ingest writes (plus the outbox and meta, always in a commit). */
const INGEST_SCOPE = ['calls', 'smdrLines'] as const;

export interface SincePage {
  entries: JournalEntry[];
  hasMore: boolean;
  pbxId: string | null;
}
/** `calls:since`: the current PBX's entries after `afterSeq`, with that PBX's id. */
export type ReadSince = (afterSeq: number, limit: number) => Promise<SincePage>;

export async function readCursor(pbxId: string, database: FrontdeskDb = db): Promise<number> {
  const row = await database.meta.get(cursorKey(pbxId));
  return row === undefined ? -1 : Number(row.value);
}

/**
 * Writes journal entries into Dexie in one transaction and moves each PBX's
 * cursor over the hole-free run the batch extends. Unrecognized lines are kept
 * as rows of their own (R-C1). Returns the ids of the calls the batch holds
 * (written now or before), which `markStored` wakes.
 */
export async function ingestEntries(entries: readonly JournalEntry[], database: FrontdeskDb = db): Promise<string[]> {
  if (entries.length === 0) return [];
  const calls = new Map<string, StoredCall>();
  const lines = new Map<string, SmdrLine>();
  const seqs = new Map<string, number[]>();
  for (const e of entries) {
    const stored = toStoredCall(e);
    if (stored) calls.set(stored.id, stored);
    else if (e.kind === 'unrecognized') lines.set(e.id, { id: e.id, seq: e.seq, receivedAt: e.receivedAt, raw: e.raw, reason: e.reason });
    seqs.set(e.pbxId, [...(seqs.get(e.pbxId) ?? []), e.seq]);
  }
  await commit(
    PBX_ACTOR,
    async (w) => {
      const pbxIds = [...seqs.keys()];
      const [haveCalls, haveLines, cursors] = await Promise.all([
        database.calls.bulkGet([...calls.keys()]),
        database.smdrLines.bulkGet([...lines.keys()]),
        database.meta.bulkGet(pbxIds.map(cursorKey)),
      ]);
      let i = 0;
      for (const c of calls.values()) if (!haveCalls[i++]) await w.put('calls', c);
      i = 0;
      for (const l of lines.values()) if (!haveLines[i++]) await w.put('smdrLines', l);
      for (const [k, pbxId] of pbxIds.entries()) {
        // No cursor yet: nothing stored, and a journal's first sequence is 1.
        const before = cursors[k] === undefined ? 0 : Number(cursors[k]!.value);
        let top = before;
        for (const s of [...new Set(seqs.get(pbxId))].sort((a, b) => a - b)) {
          if (s > top + 1) break;
          top = Math.max(top, s);
        }
        if (top > before) await database.meta.put({ key: cursorKey(pbxId), value: String(top) });
      }
    },
    database,
    INGEST_SCOPE,
  );
  return [...calls.keys()];
}

/** How many entries before the legacy cursor are looked at to tell whose it was. */
const LEGACY_PROBE = 20;

/**
 * Earlier versions kept one cursor for every PBX id. It becomes `pbxId`'s
 * cursor only if it was that PBX's: some of `pbxId`'s entries just before it
 * are stored here (ids hash the PBX id, so another PBX's rows cannot match).
 * Otherwise `pbxId` is read from its start — ids make that harmless, and it
 * recovers lines the single cursor skipped. Runs once: the old key goes.
 */
export async function migrateLegacyCursor(pbxId: string, readSince: ReadSince, database: FrontdeskDb = db): Promise<void> {
  const legacy = await database.meta.get(LEGACY_CURSOR_KEY);
  if (legacy === undefined) return;
  const value = Number(legacy.value);
  let owned = false;
  if (value >= 0) {
    const page = await readSince(Math.max(-1, value - LEGACY_PROBE), LEGACY_PROBE);
    if (page.pbxId === pbxId) {
      const near = page.entries.filter((e) => e.seq <= value).map((e) => e.id);
      const [c, l] = await Promise.all([database.calls.bulkGet(near), database.smdrLines.bulkGet(near)]);
      owned = c.some(Boolean) || l.some(Boolean);
    }
  }
  await database.transaction('rw', database.meta, async () => {
    if (owned && (await database.meta.get(cursorKey(pbxId))) === undefined) await database.meta.put({ key: cursorKey(pbxId), value: String(value) });
    await database.meta.delete(LEGACY_CURSOR_KEY);
  });
}

/** The link came up, went down, went silent or was reconfigured: not a mere new line. */
export function isTransition(before: PbxStatus | null, after: PbxStatus): boolean {
  return before === null || before.state !== after.state || before.since !== after.since || before.source !== after.source;
}

export interface CallIngestOptions {
  readSince: ReadSince;
  database?: FrontdeskDb;
  /** Waits before a failed store or read is tried again (the last one repeats). */
  retryMs?: readonly number[];
  /**
   * A read-back this often even when nothing looks missed (0: never): events
   * lost while the window's socket was down show as a gap only when the next
   * line comes, and a quiet PBX may not send one for a while.
   */
  pollMs?: number;
}

const RETRY_MS = [500, 1000, 2000, 5000, 10_000, 30_000];

/**
 * The live pipeline: `logged` shows a batch at once (useArrivedCalls) and
 * queues its store; entries arriving meanwhile join the next batch, so a burst
 * costs a few transactions. The journal is read back (`calls:since`) only when
 * something may have been missed: at start, on a change of the link (not the
 * status after every line), when sequences skip, after a failure, and once a
 * minute (one empty page when nothing was missed). Work is
 * serialized in one queue; a catch-up lets queued live batches in between its
 * pages. A failed store keeps its calls in view (marked failed) and is retried
 * with back-off until it lands; so is a failed read-back.
 */
export class CallIngest {
  private queue: Promise<void> = Promise.resolve();
  private pending: JournalEntry[] = [];
  /** Highest sequence announced or read, per PBX id. */
  private readonly lastSeq = new Map<string, number>();
  /** The PBX whose journal the service reads, as last seen. */
  private pbxId: string | null = null;
  private status: PbxStatus | null = null;
  private failures = 0;
  private readBackDue = false;
  private stopped = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private poll: ReturnType<typeof setInterval> | null = null;
  private readonly database: FrontdeskDb;
  private readonly retryMs: readonly number[];

  constructor(private readonly options: CallIngestOptions) {
    this.database = options.database ?? db;
    this.retryMs = options.retryMs ?? RETRY_MS;
  }

  start(): void {
    this.readBack();
    const every = this.options.pollMs ?? 60_000;
    if (every > 0) this.poll = setInterval(() => this.readBack(), every);
  }

  stop(): void {
    this.stopped = true;
    if (this.poll !== null) clearInterval(this.poll);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Resolves when everything queued so far has run (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  logged(entries: readonly JournalEntry[]): void {
    if (entries.length === 0 || this.stopped) return;
    useArrivedCalls.getState().add(entries);
    let skipped = false;
    for (const e of entries) {
      const last = this.lastSeq.get(e.pbxId);
      if (last !== undefined && e.seq > last + 1) skipped = true;
      if (last === undefined || e.seq > last) this.lastSeq.set(e.pbxId, e.seq);
      this.pbxId = e.pbxId;
    }
    this.store(entries);
    if (skipped) this.readBack();
  }

  statusChanged(s: PbxStatus): void {
    const changed = isTransition(this.status, s);
    this.status = s;
    // A link that comes back may have journalled lines while this window missed events.
    if (changed) this.readBack();
  }

  private store(entries: readonly JournalEntry[]): void {
    if (this.pending.length === 0) this.enqueue(() => this.flush());
    this.pending.push(...entries);
  }

  private readBack(): void {
    if (this.readBackDue || this.stopped) return;
    this.readBackDue = true;
    this.enqueue(async () => {
      this.readBackDue = false;
      try {
        await this.catchUp();
        this.failures = 0;
      } catch {
        this.later(() => this.readBack());
      }
    });
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch(() => undefined);
  }

  private later(work: () => void): void {
    if (this.stopped) return;
    const ms = this.retryMs[Math.min(this.failures, this.retryMs.length - 1)] ?? 1000;
    this.failures += 1;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) work();
    }, ms);
    this.timers.add(t);
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      markStored(await ingestEntries(batch, this.database));
      this.failures = 0;
    } catch {
      // Kept in view, and stored again later (the journal also still has them).
      useArrivedCalls.getState().markFailed(batch.map((e) => e.id));
      this.later(() => this.store(batch));
    }
  }

  /** Stores every journal entry of the current PBX after its cursor, a page at a time. */
  private async catchUp(): Promise<void> {
    const read = this.options.readSince;
    let pbx = this.pbxId;
    if (pbx === null) {
      // Whose journal the service reads decides which cursor to send: ask for one entry to learn it.
      pbx = (await read(-1, 1)).pbxId;
      if (pbx === null) return;
    }
    let mismatches = 0;
    for (;;) {
      await migrateLegacyCursor(pbx, read, this.database);
      const afterSeq = await readCursor(pbx, this.database);
      const page = await read(afterSeq, PAGE);
      if (page.pbxId === null) return;
      if (page.pbxId !== pbx) {
        // The service reads another PBX's journal than the cursor sent was for: ask again with its own.
        if (++mismatches > 3) throw new Error('the PBX id keeps changing under the catch-up');
        pbx = page.pbxId;
        continue;
      }
      this.pbxId = pbx;
      markStored(await ingestEntries(page.entries, this.database));
      const top = page.entries.at(-1)?.seq;
      if (top !== undefined && top > (this.lastSeq.get(pbx) ?? -1)) this.lastSeq.set(pbx, top);
      if (!page.hasMore || page.entries.length === 0) return;
      // Live batches that came in meanwhile are stored between pages, not after the whole journal.
      await this.flush();
    }
  }
}
