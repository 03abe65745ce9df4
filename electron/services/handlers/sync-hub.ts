/**
 * The hub embedded in the console's desk services (browser mode and the
 * Electron utility process): PGlite in the data folder, loopback only — in
 * browser mode the web server forwards /v1 to it on its own port, so pages,
 * kiosks on the LAN and the CSP all see one origin. On a fresh data folder in
 * demo mode it is seeded with the demo world, so every device pulls the same
 * data instead of generating its own.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { demoAppointments, demoStaff, demoVisits, demoWatchlist } from '../../../shared/demo';
import { HybridClock } from '../../../shared/sync/hlc';
import { MAX_PUSH_BATCH, SYNC_SCHEMA_VERSION, type Mutation, type SyncTable } from '../../../shared/sync/protocol';
import { hubConfigFromEnv, type HubConfig } from '../../hub/config';
import { runHub, type RunningHub } from '../../hub/embedded';
import { rotateEpoch } from '../../hub/epoch';
import { log } from '../log';

/** The demo users README names; the password is shown there too (demo installs only). */
export const DEMO_PASSWORD = 'frontdesk';
export const DEMO_USERS = [
  { username: 'lina', displayName: '李娜', role: 'receptionist' },
  { username: 'wangfang', displayName: '王芳', role: 'supervisor' },
] as const;

export class HubSeedError extends Error {
  readonly code = 'hub.seed';
}

/** Starts the embedded hub over `dataDir`; `demo` seeds users and the demo world on first start. */
export async function startEmbeddedHub(dataDir: string, demo: boolean): Promise<RunningHub> {
  const env = hubConfigFromEnv();
  const config: HubConfig = {
    databaseUrl: env.databaseUrl,
    dataDir,
    // Loopback and an ephemeral port unless told otherwise: browser mode reaches it through the web server.
    host: process.env.HUB_HOST ?? '127.0.0.1',
    port: process.env.HUB_PORT ? env.port : 0,
  };
  // HUB_ADMIN_PASSWORD creates the `admin` user on first start: how a non-demo install gets its first sign-in.
  const adminPassword = process.env.HUB_ADMIN_PASSWORD;
  const running = await runHub(config, adminPassword ? { adminPassword } : {});
  if (demo) await seedDemo(running);
  return running;
}

async function seedDemo(running: RunningHub): Promise<void> {
  const users = await running.hub.store.query('SELECT 1 FROM users LIMIT 1');
  if (users.length > 0) return; // Not a fresh hub: never reseed over real work.
  for (const u of DEMO_USERS) await running.hub.auth.createUser({ ...u, password: DEMO_PASSWORD });
  await seedWorld(running);
}

/**
 * Demo installs only: starts the demo world over (the tests' fresh install).
 * The data goes, users and devices stay; a new epoch makes every client
 * re-snapshot (keeping its outbox) instead of trusting its cursor.
 */
export async function resetDemoWorld(running: RunningHub): Promise<void> {
  const { store } = running.hub;
  await store.transaction(async (tx) => {
    await tx.query('DELETE FROM records');
    await tx.query('DELETE FROM changes');
    await tx.query('DELETE FROM clients');
  });
  await rotateEpoch(store);
  await seedWorld(running);
}

async function seedWorld(running: RunningHub): Promise<void> {
  const { hub } = running;
  const started = Date.now();
  // The demo world goes in as ordinary pushes by a one-off admin, so it carries
  // HLCs, seqs and owners like any other data and every client pulls it.
  const seeder = `seed-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  await hub.auth.createUser({ username: seeder, password, role: 'admin' });
  const login = await post<{ token: string }>(hub.url, '/v1/login', { username: seeder, password });
  const now = new Date();
  const staff = demoStaff(120, 1, now);
  const rows: [SyncTable, { id: string }][] = [
    ...staff.map((s): [SyncTable, { id: string }] => ['staff', s]),
    ...demoVisits(400, staff, 2, now, 60).map((v): [SyncTable, { id: string }] => ['visits', v]),
    ...demoAppointments(staff, 3, now).map((a): [SyncTable, { id: string }] => ['appointments', a]),
    ...demoWatchlist(now).map((w): [SyncTable, { id: string }] => ['watchlist', w]),
  ];
  const clientId = 'demo-seed';
  const clock = new HybridClock(clientId);
  const mutations: Mutation[] = rows.map(([table, row], i) => ({
    clientSeq: i + 1,
    mutationId: `${clientId}-${i + 1}`,
    table,
    op: 'put',
    key: row.id,
    value: { ...row },
    hlc: clock.tick(),
  }));
  for (let i = 0; i < mutations.length; i += MAX_PUSH_BATCH) {
    const body = { schemaVersion: SYNC_SCHEMA_VERSION, clientId, hlc: clock.tick(), mutations: mutations.slice(i, i + MAX_PUSH_BATCH) };
    const res = await post<{ outcomes: { status: string; message?: string }[] }>(hub.url, '/v1/sync/push', body, login.token);
    const bad = res.outcomes.find((o) => o.status === 'rejected');
    if (bad) throw new HubSeedError(`demo seed rejected: ${bad.message ?? '?'}`);
  }
  await post(hub.url, '/v1/logout', {}, login.token);
  // Nobody uses this account again: disable it so its random password is not a door left open.
  await hub.store.query('UPDATE users SET disabled = true WHERE username = $1', [seeder]);
  log.info(`hub: seeded the demo world (${mutations.length} rows) in ${Date.now() - started} ms`);
}

async function post<T = unknown>(base: string, path: string, body: object, token?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new HubSeedError(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const hubDataPath = (dataDir: string): string => join(dataDir, 'hub');
