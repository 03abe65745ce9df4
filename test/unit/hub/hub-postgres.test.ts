/**
 * The hub against a REAL PostgreSQL server started by the test (see
 * pg-server.ts): the shared protocol suite (on one hub, and on two hubs taking
 * turns at every request), two hubs on one database poking
 * each other's clients through LISTEN/NOTIFY, and the late-commit test of
 * sync.md B.6.3 #3 with its deliberately broken variant.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startHub, type Hub } from '../../../electron/hub/hub';
import type { PushContext } from '../../../electron/hub/push';
import type { SqlStore } from '../../../electron/hub/store';
import { openPostgres } from '../../../electron/hub/store-postgres';
import type { PushResponse } from '../../../shared/sync/protocol';
import { TestOutbox, call, card, visit } from './fixtures';
import { startPgServer, type PgServer } from './pg-server';
import { defineProtocolSuite, login, pullAll } from './protocol-suite';

let server: PgServer | null = null;
let serverError: unknown = null;
const ready = (async () => {
  try {
    server = await startPgServer();
  } catch (err) {
    serverError = err;
  }
})();

async function pgServer(): Promise<PgServer> {
  await ready;
  if (!server) throw serverError instanceof Error ? serverError : new Error(String(serverError));
  return server;
}

afterAll(async () => {
  await ready;
  await server?.stop();
});

describe('PostgreSQL server', () => {
  it('R-X1 starts for the tests (fails with install instructions when it cannot)', async () => {
    const s = await pgServer();
    expect(s.url('postgres')).toMatch(/^postgres:\/\//);
  }, 60_000);
});

defineProtocolSuite('PostgreSQL server', async () => {
  const store = await openPostgres(await (await pgServer()).createDatabase('suite'));
  const hub = await startHub({ store, stateDir: null });
  return {
    hub,
    async cleanup() {
      await hub.close();
      await store.close();
    },
  };
});

defineProtocolSuite('two hubs on one PostgreSQL, requests alternating between them', async () => {
  const pair = await twoHubs('suite-two-hubs');
  const served = [0, 0];
  // Each read of `url` names the other hub, as a load balancer might: a login on one and its push on
  // the other, the pages of one pull from both, a push to one poking a socket open on the other.
  const hub = new Proxy(pair.hubs[0]!, {
    get(target, prop, receiver) {
      if (prop !== 'url') return Reflect.get(target, prop, receiver) as unknown;
      const i = (served[0]! + served[1]!) % 2;
      served[i]! += 1;
      return pair.hubs[i]!.url;
    },
  });
  return {
    hub,
    async cleanup() {
      await pair.close();
      // The suite really went through both.
      expect(Math.min(...served)).toBeGreaterThan(20);
    },
  };
});

async function twoHubs(db: string, opts: { allocator?: PushContext['allocator']; beforeCommit?: PushContext['beforeCommit'] } = {}) {
  const url = await (await pgServer()).createDatabase(db);
  const stores: SqlStore[] = [await openPostgres(url), await openPostgres(url)];
  const hubs: Hub[] = [];
  for (const store of stores) hubs.push(await startHub({ store, stateDir: null, ...opts }));
  return {
    hubs,
    async close() {
      for (const h of hubs) await h.close();
      for (const s of stores) await s.close();
    },
  };
}

describe('two hubs on one PostgreSQL', () => {
  it('R-X1 a change pushed to one hub pokes a WebSocket client of the other (LISTEN/NOTIFY)', async () => {
    const { hubs, close } = await twoHubs('pokes');
    try {
      const [a, b] = hubs;
      if (!a || !b) throw new Error('two hubs expected');
      const token = await login(a, 'receptionist');
      const ws = new WebSocket(`${b.url.replace('http', 'ws')}/v1/poke?token=${encodeURIComponent(token)}`);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const poked = new Promise<string>((resolve) => ws.once('message', (d) => resolve(String(d))));
      const o = new TestOutbox('two-hubs');
      const res = await call<PushResponse>(a.url, '/v1/sync/push', o.push([o.put('visits', 'v1', visit('v1'))]), token);
      expect(res.body.outcomes[0]?.status).toBe('applied');
      expect(JSON.parse(await poked)).toEqual({ type: 'poke', seq: 1 });
      ws.close();
      // And the other hub serves the row, under the same epoch.
      expect(b.epoch()).toBe(a.epoch());
      const { rows } = await pullAll(b, token, o);
      expect(rows.map((r) => r.key)).toEqual(['v1']);
    } finally {
      await close();
    }
  }, 60_000);
});

describe('hub-assigned numbers with two hubs on one PostgreSQL', () => {
  it('issue 3: desks pushing cards to two hubs at once never get the same number, and the numbers have no gaps', async () => {
    const { hubs, close } = await twoHubs('numbers');
    try {
      const [a, b] = hubs;
      if (!a || !b) throw new Error('two hubs expected');
      const token = await login(a, 'receptionist');
      const perDesk = 10;
      const desks = Array.from({ length: 6 }, (_, i) => ({ hub: i % 2 === 0 ? a : b, o: new TestOutbox(`numbers-desk-${i}`) }));
      // Each desk pushes its cards one per request, all desks at once, half to each hub.
      await Promise.all(
        desks.map(async ({ hub, o }, d) => {
          for (let i = 0; i < perDesk; i += 1) {
            const k = `card-${d}-${i}`;
            const res = await call<PushResponse>(hub.url, '/v1/sync/push', o.push([o.put('cards', k, card(k))]), token);
            expect(res.body.outcomes[0]?.status).toBe('applied');
          }
        }),
      );
      const { rows } = await pullAll(b, token, new TestOutbox('numbers-reader'));
      const numbers = rows.map((r) => String(r.fields.number));
      expect(numbers).toHaveLength(desks.length * perDesk);
      expect(new Set(numbers).size).toBe(numbers.length);
      const values = numbers.map((n) => Number(n.slice(-5))).sort((x, y) => x - y);
      expect(values).toEqual(Array.from({ length: values.length }, (_, i) => i + 1));
    } finally {
      await close();
    }
  }, 120_000);
});

/**
 * sync.md B.6.3 #3: the push holding the LOWER seq commits LATER, while a
 * second push commits and a reader pulls in between. Returns the keys an
 * incremental puller ended up with.
 */
async function lateCommitScenario(db: string, allocator: PushContext['allocator']): Promise<{ pulled: string[]; pushed: string[] }> {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let slowReachedCommit: () => void = () => undefined;
  const slowHeld = new Promise<void>((resolve) => (slowReachedCommit = resolve));
  const { hubs, close } = await twoHubs(db, {
    allocator,
    beforeCommit: async ({ clientId }) => {
      if (clientId !== 'slow') return;
      slowReachedCommit();
      await gate;
    },
  });
  try {
    const [a, b] = hubs;
    if (!a || !b) throw new Error('two hubs expected');
    const token = await login(a, 'receptionist');
    const slow = new TestOutbox('slow');
    const fast = new TestOutbox('fast');
    const reader = new TestOutbox('reader');
    const slowPush = call(a.url, '/v1/sync/push', slow.push([slow.put('visits', 'slow-row', visit('slow-row'))]), token);
    await slowHeld; // the slow transaction has its seq and has not committed
    const fastPush = call(b.url, '/v1/sync/push', fast.push([fast.put('visits', 'fast-row', visit('fast-row'))]), token);
    // Give the fast push time to commit (unsafe) or to queue on the counter lock (design).
    await new Promise((r) => setTimeout(r, 500));
    const first = await pullAll(b, token, reader);
    release();
    await Promise.all([slowPush, fastPush]);
    const second = await pullAll(b, token, reader, first.cursor);
    return { pulled: [...first.rows, ...second.rows].map((r) => r.key).sort(), pushed: ['fast-row', 'slow-row'] };
  } finally {
    release();
    await close();
  }
}

describe('late-committing transactions (real concurrency)', () => {
  it('R-X1 with the counter-row lock, a concurrent pull never skips a row committed late', async () => {
    const { pulled, pushed } = await lateCommitScenario('late_lock', 'counterLock');
    expect(pulled).toEqual(pushed);
  }, 60_000);

  it('R-X1 the deliberately broken variant (plain SEQUENCE, no lock) does skip it — the test has teeth', async () => {
    const { pulled, pushed } = await lateCommitScenario('late_broken', 'unsafeSequence');
    expect(pulled).not.toEqual(pushed);
    expect(pulled).toEqual(['fast-row']);
  }, 60_000);
});
