/**
 * Kill the hub process with SIGKILL in the middle of a push and restart it:
 * the push transaction is all-or-nothing, and the client's retry (it never got
 * an answer) applies each mutation exactly once. Runs `npm run hub`'s entry
 * point as a real child process on a real PostgreSQL server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { PushResponse } from '../../../shared/sync/protocol';
import { TestOutbox, call, visit } from './fixtures';
import { startPgServer, type PgServer } from './pg-server';

let server: PgServer | null = null;
const children: ChildProcess[] = [];
afterAll(async () => {
  // Whatever happened in the test, no hub process outlives it.
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await server?.stop();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(a !== null && typeof a === 'object' ? a.port : 0));
    });
  });
}

async function startHubProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/hub/main.ts'], {
    cwd: join(import.meta.dirname, '..', '..', '..'),
    env: { ...process.env, ...env, HUB_PORT: String(port), HUB_HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i += 1) {
    const up = await fetch(`${url}/v1/health`).then((r) => r.ok, () => false);
    if (up) return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the hub process did not start');
}

describe('hub killed mid-push (PostgreSQL)', () => {
  it('R-X1 SIGKILL during a push, restart, retry: nothing lost, nothing doubled', async () => {
    server = await startPgServer();
    const databaseUrl = await server.createDatabase('sigkill');
    const dataDir = await mkdtemp(join(tmpdir(), 'hub-sigkill-'));
    let db: pg.Client | null = null;
    const env = { DATABASE_URL: databaseUrl, FRONTDESK_DATA_DIR: dataDir, HUB_ADMIN_PASSWORD: 'admin-pw' };
    try {
      let hub = await startHubProcess(env);
      const login = await call<{ token: string }>(hub.url, '/v1/login', { username: 'admin', password: 'admin-pw' });
      expect(login.status).toBe(200);
      const token = login.body.token;
      const o = new TestOutbox('killed');
      const photo = `data:image/jpeg;base64,${'A'.repeat(20_000)}`;
      const batch = o.push(Array.from({ length: 500 }, (_, i) => o.put('visits', `v${i}`, visit(`v${i}`, { photo }))));
      const inFlight = call(hub.url, '/v1/sync/push', batch, token).then(() => 'answered', () => 'lost');
      await new Promise((r) => setTimeout(r, 300));
      hub.child.kill('SIGKILL');
      const fate = await inFlight;

      db = new pg.Client({ connectionString: databaseUrl });
      db.on('error', () => undefined);
      await db.connect();
      const client = db;
      const count = async (sql: string): Promise<number> => Number((await client.query<{ n: string }>(sql)).rows[0]?.n);
      const partial = await count('SELECT count(*)::text AS n FROM records');
      // All or nothing: the transaction either committed before the kill or left no trace.
      expect([0, 500]).toContain(partial);
      console.log(`SIGKILL landed with ${partial} rows committed; the push was ${fate}`);

      hub = await startHubProcess(env);
      const retry = await call<PushResponse>(hub.url, '/v1/sync/push', batch, token);
      expect(retry.status).toBe(200);
      expect(retry.body.lastClientSeq).toBe(500);
      const statuses = new Set(retry.body.outcomes.map((x) => x.status));
      expect([...statuses]).toEqual([partial === 500 ? 'duplicate' : 'applied']);
      expect(await count('SELECT count(*)::text AS n FROM records')).toBe(500);
      expect(await count('SELECT count(*)::text AS n FROM changes')).toBe(500);
      expect(await count(`SELECT count(DISTINCT mutation_id)::text AS n FROM changes`)).toBe(500);
      hub.child.kill('SIGTERM');
      expect(['answered', 'lost']).toContain(fate);
    } finally {
      await db?.end();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
