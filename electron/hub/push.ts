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
 *   it locally, and pulls the hub's row back instead of keeping its own.
 * - A card or handover sheet that arrives with a provisional number gets its
 *   final number in the same transaction (numbers.ts), stamped by the hub
 *   above every stamp of the row, so every replica pulls it and keeps it.
 */
import { clampHlc, type HybridClock, parseHlc } from '../../shared/sync/hlc';
import { mergeMutation, type RecordState } from '../../shared/sync/merge';
import type { Mutation, Outcome, PushRequest, PushResponse } from '../../shared/sync/protocol';
import type { Principal } from './auth';
import { HubError } from './errors';
import { assignNumber, numberFor, rowNumberRequest } from './numbers';
import { denyMutation, type StoredRow } from './scope';
import { toInt, toJson, type SqlExecutor, type SqlStore } from './store';

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
  fields: unknown;
  field_hlc: unknown;
  deleted_hlc: string | null;
  owner: string;
}

async function allocateSeq(tx: SqlExecutor, ctx: PushContext): Promise<number> {
  const sql =
    ctx.allocator === 'counterLock'
      ? 'UPDATE sync_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq'
      : `SELECT nextval('unsafe_seq') AS seq`;
  const [row] = await tx.query<{ seq: unknown }>(sql);
  return toInt(row?.seq);
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

export async function pushBatch(store: SqlStore, ctx: PushContext, p: Principal, req: PushRequest): Promise<PushResponse> {
  const clientWall = parseHlc(req.hlc).wall;
  const result = await store.transaction(async (tx) => {
    if (ctx.allocator === 'counterLock') await tx.query('SELECT seq FROM sync_counter WHERE id = 1 FOR UPDATE');
    let last = await bindClient(tx, req.clientId, p, true);
    const outcomes: Outcome[] = [];
    const seqs: number[] = [];
    let expectedSeq: number | null = null;
    const ordered = [...req.mutations].sort((a, b) => a.clientSeq - b.clientSeq);
    for (const m of ordered) {
      if (m.clientSeq <= last) {
        outcomes.push({ clientSeq: m.clientSeq, mutationId: m.mutationId, status: 'duplicate' });
        continue;
      }
      if (m.clientSeq > last + 1) {
        expectedSeq = last + 1;
        break;
      }
      const outcome = await applyOne(tx, ctx, p, req.clientId, m, seqs);
      outcomes.push(outcome);
      last = m.clientSeq;
    }
    await tx.query('UPDATE clients SET last_client_seq = $2, last_seen_at = now() WHERE client_id = $1', [req.clientId, last]);
    const top = seqs.at(-1);
    // NOTIFY is delivered at commit, and only if the transaction commits.
    if (top !== undefined) await tx.query('SELECT pg_notify($1, $2)', [POKE_CHANNEL, String(top)]);
    await ctx.beforeCommit?.({ clientId: req.clientId, seqs });
    return { lastClientSeq: last, outcomes, expectedSeq };
  });
  return { ...result, epoch: ctx.epoch(), hubHlc: ctx.clock.tick(), clockSkewMs: clientWall - ctx.now() };
}

async function applyOne(
  tx: SqlExecutor,
  ctx: PushContext,
  p: Principal,
  clientId: string,
  m: Mutation,
  seqs: number[],
): Promise<Outcome> {
  const base = { clientSeq: m.clientSeq, mutationId: m.mutationId };
  const record = async (outcome: Outcome['status'], seq: number | null, reason: string | null): Promise<void> => {
    await tx.query(
      `INSERT INTO changes (seq, mutation_id, client_id, client_seq, subject, tbl, key, op, payload, hlc, outcome, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)`,
      [seq, m.mutationId, clientId, m.clientSeq, p.id, m.table, m.key, m.op, JSON.stringify(m.value), m.hlc, outcome, reason],
    );
  };
  // The same mutation id under a new clientSeq (a client that lost its ack bookkeeping): ack, never re-apply.
  const seen = await tx.query('SELECT 1 FROM changes WHERE mutation_id = $1', [m.mutationId]);
  if (seen.length > 0) return { ...base, status: 'duplicate' };

  const [row] = await tx.query<RecordRow>(
    'SELECT fields, field_hlc, deleted_hlc, owner FROM records WHERE tbl = $1 AND key = $2 FOR UPDATE',
    [m.table, m.key],
  );
  const stored: StoredRow | null = row
    ? { owner: row.owner, fields: toJson<Record<string, unknown>>(row.fields, {}), deletedHlc: row.deleted_hlc }
    : null;
  const reannounce = async (): Promise<void> => {
    if (!row) return;
    const seq = await allocateSeq(tx, ctx);
    seqs.push(seq);
    await tx.query('UPDATE records SET last_seq = $3 WHERE tbl = $1 AND key = $2', [m.table, m.key, seq]);
  };
  const denied = denyMutation(p, m, stored, ctx.now());
  if (denied !== null) {
    await record('rejected', null, 'forbidden');
    await reannounce();
    return { ...base, status: 'rejected', reason: 'forbidden', message: denied };
  }
  // Clamp before merging: a kiosk whose clock says next year must not win every conflict for a year.
  const hlc = clampHlc(m.hlc, ctx.now(), ctx.maxDriftMs);
  ctx.clock.receive(hlc);
  const current: RecordState | null = row
    ? { fields: stored?.fields ?? {}, fieldHlc: toJson<Record<string, string>>(row.field_hlc, {}), deletedHlc: row.deleted_hlc }
    : null;
  const merged = mergeMutation(current, { ...m, hlc });
  if (merged.kind === 'rejected') {
    await record('rejected', null, merged.reason);
    await reannounce();
    return { ...base, status: 'rejected', reason: merged.reason, message: merged.message };
  }
  if (merged.kind === 'superseded') {
    await record('superseded', null, null);
    return { ...base, status: 'superseded' };
  }
  const next = await withHubNumber(tx, ctx, m, merged.next);
  const seq = await allocateSeq(tx, ctx);
  seqs.push(seq);
  await tx.query(
    `INSERT INTO records (tbl, key, fields, field_hlc, deleted_hlc, owner, last_seq) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7)
     ON CONFLICT (tbl, key) DO UPDATE SET fields = EXCLUDED.fields, field_hlc = EXCLUDED.field_hlc,
       deleted_hlc = EXCLUDED.deleted_hlc, last_seq = EXCLUDED.last_seq`,
    [m.table, m.key, JSON.stringify(next.fields), JSON.stringify(next.fieldHlc), next.deletedHlc, stored?.owner ?? p.id, seq],
  );
  await record('applied', seq, null);
  return { ...base, status: 'applied' };
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
