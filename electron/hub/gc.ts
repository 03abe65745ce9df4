/**
 * Tombstone GC (sync.md B.5.5). Tombstones must outlive every offline client
 * that might still push a stale edit, so only those older than a retention
 * period go. Once a tombstone is gone a client with an older cursor could miss
 * the delete, so the horizon is recorded and such a cursor gets `reset`.
 */
import { toInt, type SqlStore } from './store';

/** Removes tombstones last changed before `beforeIso`; returns how many went. */
export async function collectTombstones(store: SqlStore, beforeIso: string): Promise<number> {
  return store.transaction(async (tx) => {
    // Hold the counter lock so no push interleaves between choosing the horizon and deleting.
    await tx.query('SELECT seq FROM sync_counter WHERE id = 1 FOR UPDATE');
    const [h] = await tx.query<{ seq: unknown }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM changes WHERE received_at < $1', [beforeIso]);
    const horizon = toInt(h?.seq);
    if (horizon === 0) return 0;
    const gone = await tx.query('DELETE FROM records WHERE deleted_hlc IS NOT NULL AND last_seq <= $1 RETURNING key', [horizon]);
    await tx.query(
      `INSERT INTO hub_meta VALUES ('gc_horizon_seq', $1) ON CONFLICT (key) DO UPDATE
         SET value = GREATEST(hub_meta.value::bigint, EXCLUDED.value::bigint)::text`,
      [String(horizon)],
    );
    return gone.length;
  });
}

export async function gcHorizon(store: SqlStore): Promise<number> {
  const [row] = await store.query<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'gc_horizon_seq'`);
  return row ? Number(row.value) : 0;
}
