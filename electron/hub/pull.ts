/**
 * Pull: row snapshots after the client's cursor, paged (sync.md B.5.4).
 *
 * Invariants:
 * - Rows come in `last_seq` order and `nextCursor` is the last seq scanned, so
 *   with commit-ordered seqs (see push.ts) a page never skips a row that
 *   commits later.
 * - A row updated mid-pagination gets a higher seq and shows up again later.
 * - A cursor from another epoch (a restored hub), from the future or from
 *   before the tombstone-GC horizon is never trusted: the answer says `reset`
 *   and starts from 0.
 * - Rows the caller may not see are scanned past but not sent; so are the
 *   caller's own echoes when it asks (echo.ts), except in a re-snapshot.
 */
import type { HybridClock } from '../../shared/sync/hlc';
import { fromStoredStamps, packStamps, unpackStamps } from '../../shared/sync/stamps';
import type { PullRequest, PullResponse, RowChange, SyncTable } from '../../shared/sync/protocol';
import type { Principal } from './auth';
import { HubError } from './errors';
import { gcHorizon } from './gc';
import { bindClient } from './push';
import { readableTables, visibleRow } from './scope';
import { toInt, toJson, type SqlStore } from './store';

/** Rows are sent until a page holds this much JSON (always at least one row). */
export const PAGE_BUDGET_BYTES = 8 * 1024 * 1024;

export interface PullContext {
  now: () => number;
  clock: HybridClock;
  epoch: () => string;
}

interface RecordRow {
  tbl: SyncTable;
  key: string;
  fields: unknown;
  field_hlc: unknown;
  deleted_hlc: string | null;
  last_seq: unknown;
  owner: string;
  /** The row is the caller's own echo (echo.ts) and left out; its fields are not even read. */
  echo: boolean;
}

export async function pullChanges(store: SqlStore, ctx: PullContext, p: Principal, req: PullRequest): Promise<PullResponse> {
  const tables = readableTables(p);
  if (tables.length === 0) throw new HubError('forbidden', `${p.role} reads nothing`);
  await store.transaction((tx) => bindClient(tx, req.clientId, p, false));
  const [counter] = await store.query<{ seq: unknown }>(
    `SELECT GREATEST((SELECT seq FROM sync_counter WHERE id = 1), (SELECT COALESCE(MAX(last_seq), 0) FROM records)) AS seq`,
  );
  const epoch = ctx.epoch();
  const wrongEpoch = req.epoch === null ? req.cursor > 0 : req.epoch !== epoch;
  // A cursor below the GC horizon may have missed deletes whose tombstones are gone.
  const horizon = await gcHorizon(store);
  const reset = wrongEpoch || req.cursor > toInt(counter?.seq) || (req.cursor > 0 && req.cursor < horizon);
  const cursor = reset ? 0 : req.cursor;
  // Table names come from the closed SYNC_TABLES list, never from the request.
  const inList = tables.map((t) => `'${t}'`).join(', ');
  // A re-snapshot (reset) brings everything back, echoes included: the client has just cleared its rows.
  const echoesOf = req.skipEchoes === true && !reset ? req.clientId : null;
  const rows = await store.query<RecordRow>(
    `SELECT tbl, key, deleted_hlc, last_seq, owner, e.echo,
            CASE WHEN e.echo THEN NULL ELSE fields END AS fields, CASE WHEN e.echo THEN NULL ELSE field_hlc END AS field_hlc
       FROM records, LATERAL (SELECT $3::text IS NOT NULL AND echo_client IS NOT DISTINCT FROM $3::text AS echo) e
      WHERE last_seq > $1 AND tbl IN (${inList}) ORDER BY last_seq LIMIT $2`,
    [cursor, req.limit + 1, echoesOf],
  );
  let hasMore = rows.length > req.limit;
  const candidates = rows.slice(0, req.limit);
  const page: RecordRow[] = [];
  const now = ctx.now();
  const changes: RowChange[] = [];
  let bytes = 0;
  for (const r of candidates) {
    if (r.echo) {
      page.push(r); // scanned past, like a row the caller may not see
      continue;
    }
    // A page stays well under what a client can hold at once (card letters are scans of up to 11 MB).
    const size = JSON.stringify(r.fields).length;
    if (page.length > 0 && bytes + size > PAGE_BUDGET_BYTES) {
      hasMore = true;
      break;
    }
    bytes += size;
    page.push(r);
    const fields = toJson<Record<string, unknown>>(r.fields, {});
    const row = visibleRow(
      p,
      {
        table: r.tbl,
        key: r.key,
        seq: toInt(r.last_seq),
        fields,
        fieldHlc: unpackStamps(fields, fromStoredStamps(toJson<Record<string, string>>(r.field_hlc, {}))),
        deletedHlc: r.deleted_hlc,
      },
      now,
      r.owner,
    );
    if (row) changes.push({ ...row, ...packStamps(row.fields, row.fieldHlc) });
  }
  const lastRow = page.at(-1);
  return {
    epoch,
    reset,
    changes,
    nextCursor: lastRow ? toInt(lastRow.last_seq) : cursor,
    hasMore,
    hubHlc: ctx.clock.tick(),
  };
}
