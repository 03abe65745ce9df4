/**
 * One replica's sync with the hub: push the outbox, then pull changes after
 * the cursor (sync.md B.5.3, B.5.4). Every step is idempotent, so "retry from
 * scratch" is always safe.
 *
 * Invariants:
 * - Outbox rows go in `clientSeq` order, ≤ 500 per request; a row is deleted
 *   only when the hub's `lastClientSeq` covers it.
 * - A rejected mutation is acked (deleted from the outbox) and kept in
 *   `syncRejects` with its reason; it never blocks the rows after it.
 * - The client id is bound to one hub subject (device or user). Another
 *   subject, or a hub that refuses the id, gets a fresh id and the pending
 *   rows are renumbered from 1 in the same transaction; a row the hub had
 *   already applied under the old id is recognised by its mutation id.
 * - Errors are `SyncError`s; nothing here retries by itself (the loop does).
 * - `pushWith` / `pullWith` take the replica's state as the loop already knows
 *   it (`ReplicaState`: session, client id, cursor, epoch), so a poke or a
 *   commit costs one request and one transaction, not a dozen reads first.
 *   The cursor in it is a hint, never the truth: `applyPage` checks it against
 *   the stored one inside the page's transaction and ignores a page for any
 *   other, so a stale hint costs a request, never a skipped or doubled row.
 */
import type { HubSession } from '../../shared/api/sync';
import { HybridClock } from '../../shared/sync/hlc';
import { MAX_PULL_LIMIT, MAX_PUSH_BATCH, SYNC_SCHEMA_VERSION, SYNC_TABLES, type Mutation, type Outcome } from '../../shared/sync/protocol';
import type { FrontdeskDb, OutboxRow } from '../db/schema';
import { applyPage } from './apply-page';
import { SyncError, type HubTransport } from './hub-transport';
import { META, clientIdOf, newClientId, readMeta, readNumber, readSession, writeMeta } from './sync-meta';

export interface SyncClientOptions {
  database: FrontdeskDb;
  transport: HubTransport;
  /** Injectable wall clock (skew tests). */
  now?: () => number;
  pullLimit?: number;
}

export interface SyncRound {
  pushed: number;
  rejected: number;
  pulled: number;
  skewMs: number;
}

const MAX_ROUNDS = 50;

/** What a sync request needs to know about this replica; the loop keeps it in memory between rounds. */
export interface ReplicaState {
  session: HubSession;
  clientId: string;
  /** The stored cursor and epoch as last read or written by this client. */
  cursor: number;
  epoch: string | null;
  /** A re-snapshot is under way (META.resnapshot): pulls bring the replica's own rows back too. */
  resnapshot: boolean;
}

export interface PushResult {
  pushed: number;
  rejected: number;
  skewMs: number;
  /** Whether any request went out (a quiet outbox sends none, so it tells nothing about the clock). */
  sent: boolean;
  /** Rows may still wait: the push stopped after MAX_ROUNDS batches, or the hub acked none. */
  more: boolean;
}

export class SyncClient {
  private readonly db: FrontdeskDb;
  /** Pushes acked so far: a pulled page answered before an ack may predate what that ack removed from the outbox. */
  private acks = 0;
  private readonly now: () => number;
  private readonly pullLimit: number;

  constructor(private readonly opts: SyncClientOptions) {
    this.db = opts.database;
    this.now = opts.now ?? Date.now;
    // The hub's largest page: each applied page is one transaction and one round of every
    // live query on the screen, so fewer pages catch a replica up sooner (pages stay ≤ 8 MB).
    this.pullLimit = opts.pullLimit ?? MAX_PULL_LIMIT;
  }

  /** Push everything waiting, then pull everything new. */
  async syncOnce(): Promise<SyncRound> {
    const pushed = await this.pushAll();
    const pulled = await this.pullAll();
    return { pushed: pushed.pushed, rejected: pushed.rejected, skewMs: pushed.skewMs, pulled };
  }

  /** Reads the replica's state from the database (binding the client id to the session's subject). */
  async readState(): Promise<ReplicaState> {
    const session = await this.token();
    const clientId = await this.bindClient(session.subject, false);
    const [cursor, epoch, resnapshot] = await this.db.transaction('r', this.db.meta, () =>
      Promise.all([readNumber(this.db.meta, META.cursor), readMeta(this.db.meta, META.epoch), readMeta(this.db.meta, META.resnapshot)]),
    );
    return { session, clientId, cursor, epoch, resnapshot: resnapshot !== null };
  }

  private async token(): Promise<HubSession> {
    const session = await readSession(this.db.meta);
    if (!session) throw new SyncError('unauthorized', 'Not signed in');
    return session;
  }

  /** The client id to push under, re-keyed when the subject changed (see the invariants). */
  private async bindClient(subject: string, force: boolean): Promise<string> {
    // Already bound to this subject (every round but the first): a read, no read-write transaction
    // that would queue behind the face's own writes on the way to every push and pull.
    if (!force && (await readMeta(this.db.meta, META.boundTo)) === subject) {
      const id = await readMeta(this.db.meta, META.clientId);
      if (id) return id;
    }
    return this.db.transaction('rw', this.db.outbox, this.db.meta, async () => {
      const bound = await readMeta(this.db.meta, META.boundTo);
      const id = await clientIdOf(this.db.meta);
      if (!force && (bound === subject || bound === null)) {
        if (bound === null) await writeMeta(this.db.meta, META.boundTo, subject);
        return id;
      }
      const fresh = newClientId();
      let n = 0;
      const rows = await this.db.outbox.orderBy('seq').toArray();
      for (const row of rows) {
        if (row.clientSeq === undefined || row.seq === undefined) continue;
        n += 1;
        await this.db.outbox.update(row.seq, { clientSeq: n });
      }
      await writeMeta(this.db.meta, META.clientId, fresh);
      await writeMeta(this.db.meta, META.clientSeq, String(n));
      await writeMeta(this.db.meta, META.boundTo, subject);
      return fresh;
    });
  }

  /** The replica's clock as stored (commits and earlier pushes moved it), under `clientId`. */
  private async storedClock(clientId: string, after?: string): Promise<HybridClock> {
    const clock = new HybridClock(clientId, this.now);
    const last = await readMeta(this.db.meta, META.hlc);
    if (last) clock.receive(last);
    if (after) clock.receive(after);
    return clock;
  }

  /**
   * Outbox rows written while their table was still local-only (before the hub
   * synced it) have no clientSeq. They join the others in write order under a
   * fresh client id (renumbered from 1, as on a change of subject), so what a
   * desk did offline before an upgrade still reaches the hub, gap-free.
   */
  private async adoptLocalRows(subject: string): Promise<boolean> {
    // Every row numbered (the usual case): counted by index, no cursor over a backlog.
    const [all, numbered] = await this.db.transaction('r', this.db.outbox, () =>
      Promise.all([this.db.outbox.count(), this.db.outbox.where('clientSeq').aboveOrEqual(0).count()]),
    );
    if (all === numbered) return false;
    const hubTables: ReadonlySet<string> = new Set(SYNC_TABLES);
    const legacy = await this.db.outbox.filter((r) => r.clientSeq === undefined && hubTables.has(r.table)).primaryKeys();
    if (legacy.length === 0) return false;
    await this.db.transaction('rw', this.db.outbox, async () => {
      for (const seq of legacy) await this.db.outbox.update(seq, { clientSeq: 0 });
    });
    await this.bindClient(subject, true);
    return true;
  }

  /** Reads the state, adopts rows written before their table synced, then pushes everything waiting. */
  async pushAll(): Promise<PushResult> {
    const session = await this.token();
    // Nothing waiting (a console woken by a poke): straight to the pull.
    if ((await this.db.outbox.count()) === 0) return { pushed: 0, rejected: 0, skewMs: 0, sent: false, more: false };
    await this.adoptLocalRows(session.subject);
    return this.pushWith(await this.readState());
  }

  /**
   * Pushes everything waiting under `state` (its client id is replaced if the
   * hub makes the client take a fresh one). Rows of tables that were still
   * local-only are not adopted here: `pushAll` does that, once per full round.
   */
  async pushWith(state: ReplicaState): Promise<PushResult> {
    const { session } = state;
    let clientId = state.clientId;
    let sent = false;
    let more = true;
    let pushed = 0;
    let rejected = 0;
    let skewMs = 0;
    let rebound = false;
    // Pipelined: the next batch is read while this one is on the wire, and a batch's ack is written
    // while the next one is on the wire, so the hub's work is the only wait between batches. The
    // outbox rows of a batch leave only after the hub answered for them; if the page dies before
    // that, they are sent again and acked as duplicates.
    // Both are awaited before their results count; `handled` only keeps a failure in between from
    // being reported as unhandled (the await still throws it).
    const handled = <T>(p: Promise<T>): Promise<T> => (p.catch(() => undefined), p);
    const read = (after: number): Promise<OutboxRow[]> => handled(pushableRows(this.db, MAX_PUSH_BATCH, after));
    let next = read(0);
    let clock = await this.storedClock(clientId);
    let acking: Promise<void> = Promise.resolve();
    const rebind = async (): Promise<void> => {
      rebound = true;
      await acking;
      clientId = state.clientId = await this.bindClient(session.subject, true);
      clock = await this.storedClock(clientId, clock.peek());
      next = read(0);
    };
    try {
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const waiting = await next;
        if (waiting.length === 0) {
          more = false;
          break;
        }
        const mutations = withinBytes(waiting.map((r) => toMutation(r)));
        const rows = waiting.slice(0, mutations.length);
        next = read(rows.at(-1)?.seq ?? 0);
        const req = { schemaVersion: SYNC_SCHEMA_VERSION, clientId, hlc: clock.tick(), mutations };
        let res;
        try {
          sent = true;
          res = await this.opts.transport.push(req, session.token);
        } catch (err) {
          // The hub says the id is someone else's (a reused database): take a fresh id once and go on.
          if (err instanceof SyncError && err.code === 'forbidden' && !rebound) {
            await rebind();
            continue;
          }
          throw err;
        }
        skewMs = res.clockSkewMs;
        clock.receive(res.hubHlc);
        const acked = rows.filter((r) => (r.clientSeq ?? Infinity) <= res.lastClientSeq);
        const refused = res.outcomes.filter((o) => o.status === 'rejected');
        await acking;
        acking = handled(this.ack(acked, refused, rows, clock));
        pushed += acked.length;
        rejected += refused.length;
        if (res.expectedSeq !== null) {
          const first = rows[0]?.clientSeq ?? 0;
          // The hub wants a row we no longer hold (should not happen): restart under a fresh id.
          if (first > res.expectedSeq && !rebound) await rebind();
          else {
            // Resend from what the hub expects: read again once this answer's acks are written.
            await acking;
            next = read(0);
          }
          continue;
        }
        if (acked.length === 0) break;
      }
    } finally {
      // Never leave an ack half-way or its failure unheard; a failed ack fails the push.
      await acking;
      await next.catch(() => undefined);
    }
    return { pushed, rejected, skewMs, sent, more };
  }

  /** Deletes the acked rows, keeps the refused ones' reasons, and stores the clock past the hub's. */
  private ack(acked: OutboxRow[], refused: Outcome[], rows: OutboxRow[], clock: HybridClock): Promise<void> {
    return this.db.transaction('rw', this.db.outbox, this.db.meta, this.db.syncRejects, async () => {
      this.acks += 1;
      await deleteRows(this.db, acked.flatMap((r) => (r.seq === undefined ? [] : [r.seq])));
      for (const o of refused) {
        const row = rows.find((r) => r.mutationId === o.mutationId);
        await this.db.syncRejects.put({
          mutationId: o.mutationId,
          table: row?.table ?? '',
          key: row?.key ?? '',
          reason: o.reason ?? 'validation',
          message: o.message ?? '',
          at: new Date(this.now()).toISOString(),
        });
      }
      // Commits meanwhile moved the stored clock on: keep the later of the two.
      const last = await readMeta(this.db.meta, META.hlc);
      if (last) clock.receive(last);
      await writeMeta(this.db.meta, META.hlc, clock.peek());
    });
  }

  /** Reads the state, then pulls everything new. */
  async pullAll(): Promise<number> {
    return this.pullWith(await this.readState());
  }

  /**
   * Pulls page after page from `state`'s cursor and epoch, moving them on as
   * each page is applied. A page `applyPage` refuses (the stored cursor or
   * epoch is not the one sent: another writer, or a stale `state`) is
   * dropped; the stored values are read back and the pull goes on from them.
   */
  async pullWith(state: ReplicaState): Promise<number> {
    const { session } = state;
    let pulled = 0;
    for (let round = 0; round < MAX_ROUNDS * 20; round += 1) {
      const { cursor, epoch } = state;
      // This replica's own rows are here already: the hub need not send them back (unless re-snapshotting).
      const skipEchoes = !state.resnapshot;
      const req = { schemaVersion: SYNC_SCHEMA_VERSION, clientId: state.clientId, epoch, cursor, limit: this.pullLimit, skipEchoes };
      const acksBefore = this.acks;
      const page = await this.opts.transport.pull(req, session.token);
      // A push acked while this page was on its way may have been applied after the hub read the page,
      // and its rows have left the outbox that would have kept them over the page's older values
      // (and the hub will not send this replica its own rows again): ask again instead.
      if (this.acks !== acksBefore) continue;
      if (await applyPage(this.db, page, cursor, session.role)) {
        state.cursor = page.nextCursor;
        state.epoch = page.epoch;
        state.resnapshot = page.hasMore && (page.reset || state.resnapshot);
        pulled += page.changes.length;
        if (!page.hasMore) break;
        continue;
      }
      const stored = await this.readState();
      // Refused although nothing moved: asking again would get the same answer.
      if (stored.cursor === cursor && stored.epoch === epoch) break;
      Object.assign(state, stored);
    }
    return pulled;
  }
}

/**
 * The first `limit` outbox rows after `after` (an outbox seq) that go to the hub, in write order. Read by
 * key range (IndexedDB's getAll) rather than a filtered cursor, which costs a
 * round of the event loop per row; rows of local-only tables are skipped.
 */
async function pushableRows(database: FrontdeskDb, limit: number, after: number): Promise<OutboxRow[]> {
  const out: OutboxRow[] = [];
  for (;;) {
    const rows = await database.outbox.where('seq').above(after).limit(limit).toArray();
    for (const r of rows) if (r.clientSeq !== undefined && out.length < limit) out.push(r);
    const last = rows.at(-1)?.seq;
    if (rows.length < limit || out.length >= limit || last === undefined) return out;
    after = last;
  }
}

/**
 * Deletes outbox rows by seq. A batch's seqs are usually one unbroken run
 * (rows of local-only tables between them are rare): then one range delete,
 * exactly the same rows, instead of a request per row.
 */
async function deleteRows(database: FrontdeskDb, seqs: number[]): Promise<void> {
  const first = seqs[0];
  const last = seqs.at(-1);
  const unbroken = first !== undefined && last !== undefined && last - first + 1 === seqs.length && seqs.every((s, i) => s === first + i);
  if (unbroken) await database.outbox.where('seq').between(first, last, true, true).delete();
  else await database.outbox.bulkDelete(seqs);
}

/**
 * A batch must fit the hub's body limit (16 MB): a card application carries
 * its scanned letter (up to 11 MB), so a few of them already fill a batch.
 * Takes the longest prefix under PUSH_BUDGET_BYTES, and at least one row.
 */
export const PUSH_BUDGET_BYTES = 8 * 1024 * 1024;
export function withinBytes(mutations: Mutation[], budget = PUSH_BUDGET_BYTES): Mutation[] {
  let total = 0;
  const out: Mutation[] = [];
  for (const m of mutations) {
    const size = JSON.stringify(m).length;
    if (out.length > 0 && total + size > budget) break;
    out.push(m);
    total += size;
  }
  return out;
}

function toMutation(r: OutboxRow): Mutation {
  // Only rows of hub tables carry a clientSeq (commit.ts), so this never fires for a pushed row.
  const table = SYNC_TABLES.find((t) => t === r.table);
  if (!table || !r.hlc) throw new SyncError('protocol', `Outbox row ${r.mutationId} cannot be sent`);
  const value = r.value !== null && typeof r.value === 'object' && !Array.isArray(r.value) ? { ...r.value } : {};
  return {
    clientSeq: r.clientSeq ?? 0,
    mutationId: r.mutationId,
    table,
    op: r.op,
    key: r.key,
    value: r.op === 'put' ? value : null,
    hlc: r.hlc,
    ...(r.local ? { local: r.local } : {}),
  };
}
