import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { SqlExecutor, SqlStore } from './store';

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
  const wrap = (q: Pick<PGlite, 'query'>): SqlExecutor => ({
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const res = await q.query<R>(sql, [...params]);
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
