/**
 * Issue 3 benchmark: a kiosk that was offline with 10,000 waiting changes
 * comes back; time until it has pushed everything and pulled the hub's
 * answer, and a console has pulled every row (target ≤ 5 s on loopback).
 *
 * The real renderer sync client (renderer/sync/sync-client.ts) and write path
 * (commit()) over Dexie on fake-indexeddb, against a real hub (embedded
 * PGlite) over HTTP on 127.0.0.1. fake-indexeddb is slower than Chromium's
 * IndexedDB, so this is an upper bound for the client side.
 *
 * Baseline, run here: the storage floor — the same 10,000 rows written to the
 * hub's `records` table in one INSERT per 500 and read back, with no protocol,
 * merge, HTTP or IndexedDB.
 */
import 'fake-indexeddb/auto';
import { startHub } from '../electron/hub/hub';
import { openPglite } from '../electron/hub/store-pglite';
import { commit } from '../renderer/db/commit';
import { FrontdeskDb, type VisitRow } from '../renderer/db/schema';
import { httpTransport } from '../renderer/sync/hub-transport';
import { storeSession } from '../renderer/sync/session';
import { SyncClient } from '../renderer/sync/sync-client';
import { visit } from '../test/unit/hub/fixtures';
import { report } from './lib';

const CHANGES = Number(process.env.BENCH_SYNC_CHANGES ?? 10_000);
const PER_COMMIT = 50;

async function post<T>(url: string, body: object, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const store = await openPglite({ dataDir: 'memory://' });
const hub = await startHub({ store, stateDir: null });
await hub.auth.createUser({ username: 'desk', password: 'frontdesk', role: 'receptionist', displayName: '李娜' });
const desk = await hub.auth.login('desk', 'frontdesk');
const code = await post<{ code: string }>(`${hub.url}/v1/pairing-codes`, {}, desk.token);
const kioskAuth = await post<{ deviceId: string; token: string }>(`${hub.url}/v1/enrol`, { code: code.code, deviceName: 'Lobby' });

const kiosk = new FrontdeskDb('bench-kiosk');
await storeSession({ token: kioskAuth.token, kind: 'device', subject: kioskAuth.deviceId, role: 'kiosk', name: 'Lobby' }, kiosk);
const console_ = new FrontdeskDb('bench-console');
await storeSession({ token: desk.token, kind: 'user', subject: desk.userId, role: 'receptionist', name: '李娜' }, console_);
const transport = httpTransport(hub.url);
const consoleClient = new SyncClient({ database: console_, transport });
await consoleClient.syncOnce(); // the console is up to date before the kiosk comes back

// Offline: the kiosk signs in CHANGES visitors (each a put through commit(), as the kiosk does).
const seedStart = performance.now();
for (let i = 0; i < CHANGES; i += PER_COMMIT) {
  await commit(
    'kiosk',
    async (w) => {
      for (let j = i; j < Math.min(CHANGES, i + PER_COMMIT); j++) {
        const row: VisitRow = { ...visit(`bench-${j}`, { name: `访客${j}`, badgeCode: `B${j}`, signedInAt: w.now, createdAt: w.now, updatedAt: w.now }), terms: [], day: w.now.slice(0, 10) };
        await w.put('visits', row);
      }
    },
    kiosk,
  );
}
const waiting = await kiosk.outbox.count();
report('kiosk offline', { waiting_changes: waiting, seed_seconds: (performance.now() - seedStart) / 1000 });

// Back online: the kiosk syncs (push all, pull its answer), then the console pulls.
const t0 = performance.now();
const kioskClient = new SyncClient({ database: kiosk, transport });
const kioskPush = await kioskClient.pushAll();
const tPush = performance.now();
const kioskPulled = await kioskClient.pullAll();
const kioskRound = { ...kioskPush, pulled: kioskPulled };
const tKiosk = performance.now();
const consoleRound = await consoleClient.syncOnce();
const tConsole = performance.now();
const onConsole = await console_.visits.count();
const leftInOutbox = await kiosk.outbox.count();
if (onConsole !== CHANGES || leftInOutbox !== 0 || kioskRound.rejected !== 0) {
  throw new Error(`did not converge: console has ${onConsole}/${CHANGES}, kiosk outbox ${leftInOutbox}, rejected ${kioskRound.rejected}`);
}
const convergeMs = tConsole - t0;

// Baseline: the storage floor for the same rows.
const rows = (await store.query<{ fields: unknown }>(`SELECT fields FROM records WHERE tbl = 'visits'`)).map((r) => r.fields);
await store.query(`CREATE TABLE floor_records (LIKE records INCLUDING ALL)`);
const b0 = performance.now();
await store.transaction(async (tx) => {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const values = chunk.map((_, k) => `('visits', $${k * 2 + 1}, $${k * 2 + 2}::jsonb, '{}'::jsonb, NULL, 'bench', ${i + k + 1})`).join(', ');
    await tx.query(`INSERT INTO floor_records (tbl, key, fields, field_hlc, deleted_hlc, owner, last_seq) VALUES ${values}`, chunk.flatMap((r, k) => [`k${i + k}`, JSON.stringify(r)]));
  }
});
await store.query(`SELECT * FROM floor_records ORDER BY last_seq`);
const floorMs = performance.now() - b0;

report(
  'kiosk 10k changes to converged (kiosk + hub + console)',
  {
    changes: CHANGES,
    seconds: convergeMs / 1000,
    kiosk_push_s: (tPush - t0) / 1000,
    kiosk_pull_s: (tKiosk - tPush) / 1000,
    console_pull_s: (tConsole - tKiosk) / 1000,
    pushed: kioskRound.pushed,
    console_pulled: consoleRound.pulled,
    target_s: 5,
    changes_per_s: CHANGES / (convergeMs / 1000),
  },
  { name: 'storage_floor', value: floorMs, ours: convergeMs },
);

kiosk.close();
console_.close();
await hub.close();
await store.close();
