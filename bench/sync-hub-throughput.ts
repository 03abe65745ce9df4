/**
 * Issue 3 benchmark: hub mutations per second, on the embedded store (PGlite)
 * and on a PostgreSQL server (started here as in test/unit/hub: initdb +
 * pg_ctl on a temporary directory; as root it runs as `postgres`).
 *
 * Ours: clients push batches of 500 new rows over HTTP (auth, validation,
 * merge, seq under the counter lock, change log). On PostgreSQL also four
 * clients at once (their pushes serialize on the counter row, by design).
 * Baseline, per store, run here: the same rows written straight into a copy
 * of the `records` table with multi-row INSERTs of 500 — the storage floor.
 * `one_client_cpu_s` is this process's CPU time for the one-client run (hub,
 * PGlite and the pushing client together; PostgreSQL's own work is not in it):
 * on a shared, loaded machine it moves far less than the wall-clock rate.
 */
import { startHub, type Hub } from '../electron/hub/hub';
import { openPglite } from '../electron/hub/store-pglite';
import { openPostgres } from '../electron/hub/store-postgres';
import type { SqlStore } from '../electron/hub/store';
import { TestOutbox, visit } from '../test/unit/hub/fixtures';
import { startPgServer } from '../test/unit/hub/pg-server';
import { loadavg } from 'node:os';
import { report } from './lib';

const MUTATIONS = Number(process.env.BENCH_HUB_MUTATIONS ?? 10_000);
const BATCH = 500;

async function post(url: string, body: object, token: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  await res.json();
}

/** One client pushing `n` new visits in batches; returns when the hub acked them all. */
async function pushMany(hub: Hub, token: string, client: string, n: number): Promise<void> {
  const o = new TestOutbox(client);
  for (let i = 0; i < n; i += BATCH) {
    const ms = Array.from({ length: Math.min(BATCH, n - i) }, (_, j) => o.put('visits', `${client}-${i + j}`, visit(`${client}-${i + j}`)));
    await post(`${hub.url}/v1/sync/push`, o.push(ms), token);
  }
}

async function floor(store: SqlStore, n: number): Promise<number> {
  await store.query('CREATE TABLE IF NOT EXISTS floor_records (LIKE records INCLUDING ALL)');
  const row = JSON.stringify(visit('x'));
  const t0 = performance.now();
  for (let i = 0; i < n; i += BATCH) {
    const size = Math.min(BATCH, n - i);
    await store.transaction((tx) =>
      tx.query(
        `INSERT INTO floor_records (tbl, key, fields, field_hlc, deleted_hlc, owner, last_seq)
           SELECT 'visits', 'f' || g, $1::jsonb, '{}'::jsonb, NULL, 'bench', g FROM generate_series($2::bigint, $3::bigint) g`,
        [row, i + 1, i + size],
      ),
    );
  }
  return n / ((performance.now() - t0) / 1000);
}

async function measure(name: string, store: SqlStore, clients: number): Promise<void> {
  const hub = await startHub({ store, stateDir: null });
  try {
    await hub.auth.createUser({ username: 'desk', password: 'frontdesk', role: 'receptionist' });
    const { token } = await hub.auth.login('desk', 'frontdesk');
    await pushMany(hub, token, 'warm-up', BATCH);
    const results: Record<string, number> = {};
    for (const c of [1, clients]) {
      if (c === 1 && results.one_client !== undefined) continue;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await Promise.all(Array.from({ length: c }, (_, k) => pushMany(hub, token, `c${c}-${k}`, Math.floor(MUTATIONS / c))));
      const perSec = (Math.floor(MUTATIONS / c) * c) / ((performance.now() - t0) / 1000);
      results[c === 1 ? 'one_client' : `${c}_clients`] = perSec;
      if (c === 1) {
        const cpu = process.cpuUsage(cpu0);
        results.one_client_cpu_s = (cpu.user + cpu.system) / 1e6;
      }
    }
    const base = await floor(store, MUTATIONS);
    report(
      `hub mutations/s on ${name}`,
      { ...results, storage_floor_rows_per_s: base, batch: BATCH, mutations: MUTATIONS, load1: loadavg()[0] ?? NaN },
      { name: 'storage_floor', value: base, ours: results.one_client ?? 0 },
    );
  } finally {
    await hub.close();
  }
}

const pglite = await openPglite({ dataDir: 'memory://' });
await measure('embedded PGlite', pglite, 1);
await pglite.close();

const server = await startPgServer();
try {
  const pgStore = await openPostgres(await server.createDatabase('bench'));
  await measure('PostgreSQL server', pgStore, 4);
  await pgStore.close();
} finally {
  await server.stop();
}
