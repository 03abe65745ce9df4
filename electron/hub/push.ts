/**
 * Push: apply a batch of outbox mutations in ONE transaction (sync.md B.5.3).
 *
 * Invariants:
 * - Each (clientId, clientSeq) takes effect at most once: `clientSeq ≤ last`
 *   is a duplicate and only acked; `last_client_seq` moves in the same
 *   transaction as the effects, so a lost response + retry cannot double-apply.
 * - A gap (`clientSeq > last + 1`) stops the batch; the answer says which seq
 *   to resend from. Nothing after the gap is looked at.
 * - Permanent refusals (validation, scope, state machine) are recorded as
 *   `rejected` with a reason and acked: a poisoned mutation never blocks the
 *   ones after it. Anything thrown (database down) rolls the whole batch back.
 * - Every changed row gets `last_seq` from the counter row, which this
 *   transaction locks first and holds until commit: seq order = commit order,
 *   so a puller that has seen N has seen everything ≤ N.
 * - A rejected change to an existing row re-announces that row (new
 *   `last_seq`, same content): the client that made the change already shows
 *   it locally, and pulls the hub's row back instead of keeping its own —
 *   a put on a deleted row included, whose writer may have pulled the delete
 *   before writing the key anew. So does a superseded put to a row the writer
 *   was known to hold.
 * - A card or handover sheet that arrives with a provisional number gets its
 *   final number in the same transaction (numbers.ts), stamped by the hub
 *   above every stamp of the row, so every replica pulls it and keeps it.
 */
import { clampHlc, type HybridClock, parseHlc } from '../../shared/sync/hlc';
import { mergeMutation, type RecordState } from '../../shared/sync/merge';
import type { Mutation, Outcome, PushRequest, PushResponse } from '../../shared/sync/protocol';
import { fromStoredStamps, packStamps, storedStamps, unpackStamps } from '../../shared/sync/stamps';
import type { Principal } from './auth';
import { echoAfter } from './echo';
import { HubError } from './errors';
import { assignNumber, numberFor, rowNumberRequest } from './numbers';
import { denyMutation, type StoredRow } from './scope';
import { bulkJson, toInt, toJson, type SqlExecutor, type SqlStore } from './store';

export const POKE_CHANNEL = 'frontdesk_sync';

export interface PushContext {
  now: () => number;
  clock: HybridClock;
  /** How far ahead of the hub a stamp may be before it is clamped. */
  maxDriftMs: number;
  epoch: () => string;
  /**
   * `counterLock` is the design. `unsafeSequence` (a plain SEQUENCE, no lock)
   * exists only so the concurrency test can show that it skips rows.
   */
  allocator: 'counterLock' | 'unsafeSequence';
  /** Test hook: runs inside the transaction after the effects, before COMMIT. */
  beforeCommit?: (info: { clientId: string; seqs: number[] }) => Promise<void>;
}

interface RecordRow {
  tbl: string;
  key: string;
  fields: unknown;
  field_hlc: unknown;
  deleted_hlc: string | null;
  owner: string;
  echo_client: string | null;
}

/** A row as this batch sees it: loaded once, changed in memory, written back once at the end. */
interface BatchRow {
  owner: string;
  state: RecordState;
  seq: number | null;
  /** The client whose replica holds this row exactly (echo.ts), or null. */
  echo: string | null;
}

interface ChangeEntry {
  seq: number | null;
  m: Mutation;
  outcome: Outcome['status'];
  reason: string | null;
}

/**
 * Seqs for this batch. Under `counterLock` the counter row is locked by the
 * first statement of the transaction, so handing out `seq + 1, + 2, …` in
 * memory and writing the last one back before commit is the same as an
 * UPDATE per row — without a round trip per row.
 */
class SeqAllocator {
  private next = 0;
  private used = false;
  constructor(
    private readonly tx: SqlExecutor,
    private readonly ctx: PushContext,
  ) {}
  async lock(): Promise<void> {
    if (this.ctx.allocator !== 'counterLock') return;
    const [row] = await this.tx.query<{ seq: unknown }>('SELECT seq FROM sync_counter WHERE id = 1 FOR UPDATE');
    this.next = toInt(row?.seq);
  }
  async allocate(): Promise<number> {
    if (this.ctx.allocator === 'counterLock') {
      this.used = true;
      this.next += 1;
      return this.next;
    }
    const [row] = await this.tx.query<{ seq: unknown }>(`SELECT nextval('unsafe_seq') AS seq`);
    return toInt(row?.seq);
  }
  async flush(): Promise<void> {
    if (this.used) await this.tx.query('UPDATE sync_counter SET seq = $1 WHERE id = 1', [this.next]);
  }
}

/** Registers a new client id to the caller, or checks an old one belongs to it (403 otherwise). */
export async function bindClient(tx: SqlExecutor, clientId: string, p: Principal, lock: boolean): Promise<number> {
  await tx.query('INSERT INTO clients (client_id, subject) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING', [clientId, p.id]);
  const [row] = await tx.query<{ subject: string; last_client_seq: unknown }>(
    `SELECT subject, last_client_seq FROM clients WHERE client_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [clientId],
  );
  if (!row || row.subject !== p.id) throw new HubError('forbidden', 'This client id belongs to another device or user');
  return toInt(row.last_client_seq);
}

const rowId = (table: string, key: string): string => `${table}\u0000${key}`;

export async function pushBatch(store: SqlStore, ctx: PushContext, p: Principal, req: PushRequest): Promise<PushResponse> {
  const clientWall = parseHlc(req.hlc).wall;
  const result = await store.transaction(async (tx) => {
    const seqAlloc = new SeqAllocator(tx, ctx);
    await seqAlloc.lock();
    let last = await bindClient(tx, req.clientId, p, true);
    const outcomes: Outcome[] = [];
    const seqs: number[] = [];
    let expectedSeq: number | null = null;
    const ordered = [...req.mutations].sort((a, b) => a.clientSeq - b.clientSeq);
    const todo: Mutation[] = [];
    for (const m of ordered) {
      if (m.clientSeq <= last) {
        outcomes.push({ clientSeq: m.clientSeq, mutationId: m.mutationId, status: 'duplicate' });
        continue;
      }
      if (m.clientSeq > last + 1) {
        expectedSeq = last + 1;
        break;
      }
      todo.push(m);
      last = m.clientSeq;
    }
    const batch = new Batch(tx, ctx, p, seqAlloc, req.clientId);
    await batch.load(todo);
    for (const m of todo) outcomes.push(await batch.apply(m));
    await batch.write(req.clientId);
    seqs.push(...batch.seqs);
    await seqAlloc.flush();
    await tx.query('UPDATE clients SET last_client_seq = $2, last_seen_at = now() WHERE client_id = $1', [req.clientId, last]);
    const top = seqs.at(-1);
    // NOTIFY is delivered at commit, and only if the transaction commits.
    if (top !== undefined) await tx.query('SELECT pg_notify($1, $2)', [POKE_CHANNEL, String(top)]);
    await ctx.beforeCommit?.({ clientId: req.clientId, seqs });
    return { lastClientSeq: last, outcomes, expectedSeq };
  });
  return { ...result, epoch: ctx.epoch(), hubHlc: ctx.clock.tick(), clockSkewMs: clientWall - ctx.now() };
}

/**
 * One push's mutations against the rows they touch: every row is read (and
 * locked) once up front and written once at the end, so a batch of 500 costs a
 * handful of statements, not a few per mutation. The outcome of each mutation
 * is the same as applying them one by one in clientSeq order.
 */
class Batch {
  private readonly rows = new Map<string, BatchRow>();
  private readonly dirty = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly changes: ChangeEntry[] = [];
  readonly seqs: number[] = [];

  constructor(
    private readonly tx: SqlExecutor,
    private readonly ctx: PushContext,
    private readonly p: Principal,
    private readonly seqAlloc: SeqAllocator,
    private readonly clientId: string,
  ) {}

  async load(todo: readonly Mutation[]): Promise<void> {
    if (todo.length === 0) return;
    const ids = todo.map((m) => m.mutationId);
    // The same mutation id under a new clientSeq (a client that lost its ack bookkeeping): ack, never re-apply.
    for (const r of await this.tx.query<{ mutation_id: string }>('SELECT mutation_id FROM changes WHERE mutation_id = ANY($1::text[])', [ids])) {
      this.seen.add(r.mutation_id);
    }
    const keys = [...new Map(todo.map((m) => [rowId(m.table, m.key), m])).values()];
    // One statement for the whole batch (the rows stay locked until commit).
    const found = await this.tx.query<RecordRow>(
      `SELECT tbl, key, fields, field_hlc, deleted_hlc, owner, echo_client FROM records
        WHERE (tbl, key) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY tbl, key FOR UPDATE`,
      [keys.map((m) => m.table), keys.map((m) => m.key)],
    );
    for (const r of found) {
      const fields = toJson<Record<string, unknown>>(r.fields, {});
      this.rows.set(rowId(r.tbl, r.key), {
        owner: r.owner,
        state: {
          fields,
          fieldHlc: unpackStamps(fields, fromStoredStamps(toJson<Record<string, string>>(r.field_hlc, {}))),
          deletedHlc: r.deleted_hlc,
        },
        seq: null,
        echo: r.echo_client,
      });
    }
  }

  private async bump(id: string, row: BatchRow): Promise<number> {
    const seq = await this.seqAlloc.allocate();
    this.seqs.push(seq);
    row.seq = seq;
    this.dirty.add(id);
    return seq;
  }

  /** A refused change re-announces its row, to everyone: the writer shows its own version until it pulls the hub's. */
  private reannounce(id: string, row: BatchRow): Promise<number> {
    row.echo = null;
    return this.bump(id, row);
  }

  async apply(m: Mutation): Promise<Outcome> {
    const base = { clientSeq: m.clientSeq, mutationId: m.mutationId };
    const record = (outcome: Outcome['status'], seq: number | null, reason: string | null): void => {
      this.changes.push({ seq, m, outcome, reason });
      this.seen.add(m.mutationId);
    };
    if (this.seen.has(m.mutationId)) return { ...base, status: 'duplicate' };
    const id = rowId(m.table, m.key);
    const row = this.rows.get(id) ?? null;
    const stored: StoredRow | null = row ? { owner: row.owner, fields: row.state.fields, deletedHlc: row.state.deletedHlc } : null;
    const denied = denyMutation(this.p, m, stored, this.ctx.now());
    if (denied !== null) {
      record('rejected', null, 'forbidden');
      if (row) await this.reannounce(id, row);
      return { ...base, status: 'rejected', reason: 'forbidden', message: denied };
    }
    // Clamp before merging: a kiosk whose clock says next year must not win every conflict for a year.
    const hlc = clampHlc(m.hlc, this.ctx.now(), this.ctx.maxDriftMs);
    this.ctx.clock.receive(hlc);
    const merged = mergeMutation(row ? row.state : null, { ...m, hlc });
    if (merged.kind === 'rejected') {
      record('rejected', null, merged.reason);
      if (row) await this.reannounce(id, row);
      return { ...base, status: 'rejected', reason: merged.reason, message: merged.message };
    }
    if (merged.kind === 'superseded') {
      record('superseded', null, null);
      // The writer's replica now differs from a row it was known to hold: it must pull the row again.
      if (row && row.echo === this.clientId) await this.reannounce(id, row);
      return { ...base, status: 'superseded' };
    }
    const next = await withHubNumber(this.tx, this.ctx, m, merged.next);
    const echo = echoAfter(this.clientId, row ? { fields: row.state.fields, echo: row.echo } : null, m, next);
    const target: BatchRow = row ?? { owner: this.p.id, state: next, seq: null, echo };
    target.state = next;
    target.echo = echo;
    this.rows.set(id, target);
    const seq = await this.bump(id, target);
    record('applied', seq, null);
    return { ...base, status: 'applied' };
  }

  /**
   * Two statements for the whole batch, whatever its size: every dirty row in
   * one upsert, every change-log entry in one insert. Each takes the batch as
   * ONE JSON document (jsonb_to_recordset) rather than an array parameter per
   * column: PostgreSQL parses a jsonb[] literal element by element, which cost
   * more than the insert itself.
   */
  async write(clientId: string): Promise<void> {
    const rows: WireRow[] = [];
    for (const id of this.dirty) {
      const row = this.rows.get(id);
      if (!row || row.seq === null) continue;
      const sep = id.indexOf('\u0000');
      const { fields, fieldHlc, deletedHlc } = row.state;
      rows.push({ t: id.slice(0, sep), k: id.slice(sep + 1), f: fields, h: storedStamps(packStamps(fields, fieldHlc)), d: deletedHlc, o: row.owner, s: row.seq, e: row.echo });
    }
    if (rows.length > 0) {
      await this.tx.query(
        `INSERT INTO records (tbl, key, fields, field_hlc, deleted_hlc, owner, last_seq, echo_client)
           SELECT r.t, r.k, r.f, r.h, r.d, r.o, r.s, r.e
             FROM jsonb_to_recordset($1::text::jsonb) AS r(t text, k text, f jsonb, h jsonb, d text, o text, s bigint, e text)
         ON CONFLICT (tbl, key) DO UPDATE SET fields = EXCLUDED.fields, field_hlc = EXCLUDED.field_hlc,
           deleted_hlc = EXCLUDED.deleted_hlc, last_seq = EXCLUDED.last_seq, echo_client = EXCLUDED.echo_client`,
        [bulkJson(rows)],
      );
    }
    if (this.changes.length === 0) return;
    const entries = this.changes.map(
      (c): WireChange => ({ s: c.seq, id: c.m.mutationId, cs: c.m.clientSeq, t: c.m.table, k: c.m.key, op: c.m.op, p: c.m.value, h: c.m.hlc, out: c.outcome, why: c.reason }),
    );
    // WITH ORDINALITY … ORDER BY: the log's ids follow the batch's clientSeq order, as one INSERT per mutation would.
    // A delete's payload is JSON null (jsonb 'null'), which jsonb_to_recordset reads as SQL NULL: put it back.
    await this.tx.query(
      `INSERT INTO changes (seq, mutation_id, client_id, client_seq, subject, tbl, key, op, payload, hlc, outcome, reason)
         SELECT c.s, c.id, $2, c.cs, $3, c.t, c.k, c.op, COALESCE(c.p, 'null'::jsonb), c.h, c.out, c.why
           FROM ROWS FROM (jsonb_to_recordset($1::text::jsonb)
                  AS (s bigint, id text, cs bigint, t text, k text, op text, p jsonb, h text, out text, why text))
                WITH ORDINALITY AS c(s, id, cs, t, k, op, p, h, out, why, n)
          ORDER BY c.n`,
      [bulkJson(entries), clientId, this.p.id],
    );
  }
}

/** One row of the records upsert, as sent (names kept short: 500 of them per statement). */
interface WireRow {
  t: string;
  k: string;
  f: Record<string, unknown>;
  h: Record<string, string>;
  d: string | null;
  o: string;
  s: number;
  e: string | null;
}

/** One row of the change-log insert, as sent. */
interface WireChange {
  s: number | null;
  id: string;
  cs: number;
  t: string;
  k: string;
  op: Mutation['op'];
  p: Record<string, unknown> | null;
  h: string;
  out: Outcome['status'];
  why: string | null;
}

/** Fills in the hub's business number when the row still shows a provisional one (see the invariants). */
async function withHubNumber(tx: SqlExecutor, ctx: PushContext, m: Mutation, next: RecordState): Promise<RecordState> {
  if (next.deletedHlc !== null) return next;
  const wanted = numberFor(m.table, next.fields);
  if (!wanted) return next;
  const assigned = await assignNumber(tx, wanted.kind, rowNumberRequest(m.table, m.key), ctx.now());
  const patch = wanted.patch(assigned.label);
  // Above every stamp the row holds (another hub's clock may be ahead of ours), owned by the hub.
  for (const s of Object.values(next.fieldHlc)) ctx.clock.receive(s);
  const stamp = ctx.clock.tick();
  const fieldHlc = { ...next.fieldHlc };
  for (const f of Object.keys(patch)) fieldHlc[f] = stamp;
  return { ...next, fields: { ...next.fields, ...patch }, fieldHlc };
}
