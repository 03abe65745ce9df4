import pg from 'pg';
import { log } from '../services/log';
import type { SqlExecutor, SqlStore } from './store';

/**
 * A PostgreSQL server through a `pg` pool. LISTEN needs a connection of its
 * own that stays open, so `listen` opens a dedicated client.
 */
export async function openPostgres(connectionString: string, poolSize = 8): Promise<SqlStore> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', (err) => log.warn('hub: idle PostgreSQL connection failed', err));
  // Fail fast at start when the server is unreachable.
  await pool.query('SELECT 1');
  const listeners: pg.Client[] = [];
  const wrap = (c: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const res = await c.query(sql, [...params]);
      return res.rows as R[];
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      const client = new pg.Client({ connectionString });
      client.on('error', (err) => log.warn('hub: LISTEN connection failed', err));
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel === channel) onPayload(n.payload ?? '');
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end();
      };
    },
    async close() {
      await Promise.all(listeners.splice(0).map((c) => c.end()));
      await pool.end();
    },
  };
}
