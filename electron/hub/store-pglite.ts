import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { SqlExecutor, SqlStore } from './store';

const TEXT_OID = 25;
/**
 * PGlite turns every `text` parameter into a string (`toString()`), which would
 * decode the bytes of `bulkJson` only to encode them again: bytes go through
 * as they are (binary format), anything else as PGlite's own serializer does.
 */
const BYTES_AS_TEXT = {
  serializers: {
    [TEXT_OID]: (x: unknown) => (x instanceof Uint8Array ? x : x instanceof Date ? x.toISOString() : String(x)) as string,
  },
};

export interface PgliteOptions {
  /** A folder (persistent) or `memory://` (tests). */
  dataDir: string;
  /** A `dumpDataDir()` tarball to start from: how a backup is restored. */
  loadDataDir?: Blob;
}

/**
 * Embedded PostgreSQL (WASM) in the hub's process. It is a single connection,
 * so transactions are serialized for free; the counter-row lock is still taken
 * so the same code is correct on a PostgreSQL server.
 */
export async function openPglite(opts: PgliteOptions): Promise<SqlStore & { dump(): Promise<Blob> }> {
  if (!opts.dataDir.includes('://')) await mkdir(opts.dataDir, { recursive: true });
  const db = await PGlite.create(opts.dataDir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  // A new WAL segment is created by writing its last byte, not 16 MB of zeros
  // in 8 kB steps (each step regrowing and copying the in-memory file). Only
  // space pre-allocation changes; what is logged, and when, stays the same.
  await db.query('SET wal_init_zero = off');
  const wrap = (q: Pick<PGlite, 'query'>): SqlExecutor => ({
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const res = await q.query<R>(sql, [...params], params.some((v) => v instanceof Uint8Array) ? BYTES_AS_TEXT : undefined);
      return res.rows;
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async listen(channel, onPayload) {
      const stop = await db.listen(channel, onPayload);
      return () => stop();
    },
    close: () => db.close(),
    async dump() {
      const file = await db.dumpDataDir('none');
      return file;
    },
  };
}
