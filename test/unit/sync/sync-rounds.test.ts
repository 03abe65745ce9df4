/**
 * The sync loop's rounds (renderer/sync/sync-rounds.ts) against a real
 * in-process hub over PGlite and its real poke socket (ws), with Dexie on
 * fake-indexeddb: a poke pulls at once without a push, a poke or a commit
 * that arrives during a round is served by the next one, a commit pushes at
 * once (R-X1, issue 3). The interval is an hour, so only the trigger under
 * test can bring a row: each test fails, rather than slows down, if its
 * trigger is lost.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Hub } from '../../../electron/hub/hub';
import type { SqlStore } from '../../../electron/hub/store';
import { commit } from '../../../renderer/db/commit';
import { FrontdeskDb, type VisitRow } from '../../../renderer/db/schema';
import { httpTransport, type HubTransport } from '../../../renderer/sync/hub-transport';
import { SyncClient } from '../../../renderer/sync/sync-client';
import { INITIAL_STATUS, META, parseStatus, readMeta } from '../../../renderer/sync/sync-meta';
import { SyncRounds, statusShowsDifferently, type OpenPokes } from '../../../renderer/sync/sync-rounds';
import { startTestHub, type TestHub } from './test-hub';
import { visit } from '../hub/fixtures';

const HOUR = 3_600_000;
let t: TestHub;
let store: SqlStore;
let hub: Hub;
const running: SyncRounds[] = [];

beforeAll(async () => {
  t = await startTestHub('sync-rounds');
  ({ store, hub } = t);
}, 60_000);
afterEach(() => {
  for (const r of running.splice(0)) r.stop();
});
afterAll(() => t.close());

const replica = (): Promise<FrontdeskDb> => t.replica();

const row = (id: string): VisitRow => ({ ...visit(id), terms: [], day: '2026-11-22' });
const signIn = (database: FrontdeskDb, id: string): Promise<void> => commit('李娜', (w) => w.put('visits', row(id)), database);

/** The hub's poke socket over `ws`, counting what it hears. */
function pokesOver(heard: { opened: boolean; pokes: number }): OpenPokes {
  return (t, on) => {
    const ws = new WebSocket(`${hub.url.replace('http', 'ws')}/v1/poke?token=${encodeURIComponent(t)}`);
    ws.on('open', () => {
      heard.opened = true;
      on.open();
    });
    ws.on('message', (data: Buffer) => {
      heard.pokes += 1;
      on.message(data.toString());
    });
    ws.on('close', () => on.close());
    ws.on('error', () => undefined);
    return {
      get open() {
        return ws.readyState === WebSocket.OPEN;
      },
      close: () => ws.close(),
    };
  };
}

/** A transport that logs each request and can hold pull answers until released. */
function watched(): { transport: HubTransport; log: string[]; hold(): { release(): void; held: Promise<void> } } {
  const real = httpTransport(hub.url);
  const log: string[] = [];
  let gate: { wait: Promise<void>; reached(): void } | null = null;
  return {
    log,
    transport: {
      push: (req, t) => {
        log.push('push');
        return real.push(req, t);
      },
      pull: async (req, t) => {
        log.push('pull');
        const page = await real.pull(req, t);
        const g = gate;
        if (g) {
          gate = null;
          g.reached();
          await g.wait;
        }
        return page;
      },
    },
    hold() {
      let release = (): void => undefined;
      let reached = (): void => undefined;
      const wait = new Promise<void>((r) => (release = r));
      const held = new Promise<void>((r) => (reached = r));
      gate = { wait, reached };
      return { release, held };
    },
  };
}

/** A desk running the rounds, once its first round is done and its poke socket is open. */
async function desk(): Promise<{ database: FrontdeskDb; net: ReturnType<typeof watched>; heard: { opened: boolean; pokes: number } }> {
  const database = await replica();
  const net = watched();
  const heard = { opened: false, pokes: 0 };
  const rounds = new SyncRounds({ database, transport: net.transport, openPokes: pokesOver(heard), intervalMs: HOUR });
  running.push(rounds);
  void rounds.run();
  await expect.poll(() => heard.opened, { timeout: 10_000 }).toBe(true);
  // The socket's opening pulls once more (commits it may have missed): wait for that pull too.
  await expect.poll(() => net.log.filter((x) => x === 'pull').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  await expect.poll(async () => parseStatus(await readMeta(database.meta, META.status)).state, { timeout: 10_000 }).toBe('online');
  return { database, net, heard };
}

/** Another machine signing a visitor in and pushing it. */
async function kioskSignsIn(id: string): Promise<void> {
  const kiosk = await replica();
  await signIn(kiosk, id);
  await new SyncClient({ database: kiosk, transport: httpTransport(hub.url) }).syncOnce();
}

describe('sync rounds: pull first on a poke, push at once on a commit (issue 3)', { timeout: 60_000 }, () => {
  it('R-X1 a poke with nothing waiting pulls at once, without a push request, and the row arrives', async () => {
    const d = await desk();
    const mark = d.net.log.length;
    const id = `poked-${t.made}`;
    await kioskSignsIn(id);
    await expect.poll(() => d.database.visits.get(id), { timeout: 10_000 }).toBeDefined();
    expect(d.net.log.slice(mark)).toContain('pull');
    expect(d.net.log.slice(mark)).not.toContain('push');
  });

  it('R-X1 a poke that arrives while a pull is under way is not lost: the next round pulls its row', async () => {
    const d = await desk();
    const [first, second] = [`first-${t.made}`, `second-${t.made}`];
    const gate = d.net.hold();
    await kioskSignsIn(first);
    await gate.held; // the desk's pull has its answer (without `second`) but has not applied it
    const pokes = d.heard.pokes;
    await kioskSignsIn(second);
    await expect.poll(() => d.heard.pokes, { timeout: 10_000 }).toBeGreaterThan(pokes);
    gate.release();
    await expect.poll(() => d.database.visits.get(second), { timeout: 10_000 }).toBeDefined();
    expect(await d.database.visits.get(first)).toBeDefined();
  });

  it('R-X1 a commit made while a pull is under way is pushed when the pull is done, once', async () => {
    const d = await desk();
    const [theirs, mine] = [`theirs-${t.made}`, `mine-${t.made}`];
    const gate = d.net.hold();
    await kioskSignsIn(theirs);
    await gate.held;
    await signIn(d.database, mine);
    gate.release();
    await expect.poll(() => d.database.outbox.count(), { timeout: 10_000 }).toBe(0);
    // Pushed once: one change recorded at the hub, applied.
    const onHub = await store.query<{ outcome: string }>(`SELECT outcome FROM changes WHERE tbl = 'visits' AND key = $1`, [mine]);
    expect(onHub).toEqual([{ outcome: 'applied' }]);
    expect(await d.database.visits.get(theirs)).toBeDefined();
  });

  it('R-X1 a commit on a kiosk running the rounds pushes at once and reaches a desk through its poke', async () => {
    const d = await desk();
    const kiosk = await desk();
    const id = `kiosk-${t.made}`;
    const mark = kiosk.net.log.length;
    await signIn(kiosk.database, id);
    await expect.poll(() => d.database.visits.get(id), { timeout: 10_000 }).toBeDefined();
    expect(kiosk.net.log.slice(mark)[0]).toBe('push');
    await expect.poll(() => kiosk.database.outbox.count(), { timeout: 10_000 }).toBe(0);
  });

  it('R-X1 a commit made in another window (another connection to the same database) is pushed too', async () => {
    const kiosk = await desk();
    const d = await desk();
    const otherWindow = new FrontdeskDb(kiosk.database.name);
    const id = `other-window-${t.made}`;
    const mark = kiosk.net.log.length;
    // This window's commit announcement names its own connection, not the loop's: only the outbox query sees it.
    await signIn(otherWindow, id);
    await expect.poll(() => d.database.visits.get(id), { timeout: 10_000 }).toBeDefined();
    expect(kiosk.net.log.slice(mark)[0]).toBe('push');
    otherWindow.close();
  });

  it('C10 a quiet round rewrites no status: only a change of state, message, skew or the minute shown does', () => {
    const online = { ...INITIAL_STATUS, state: 'online' as const, lastSyncAt: '2026-12-06T02:30:05.000Z' };
    expect(statusShowsDifferently(online, { ...online, lastSyncAt: '2026-12-06T02:30:59.999Z', skewMs: 1200 })).toBe(false);
    expect(statusShowsDifferently(online, { ...online, lastSyncAt: '2026-12-06T02:31:00.000Z' })).toBe(true);
    expect(statusShowsDifferently(online, { ...online, state: 'offline' })).toBe(true);
    expect(statusShowsDifferently(online, { ...online, message: 'The hub cannot be reached' })).toBe(true);
    expect(statusShowsDifferently(online, { ...online, skewMs: 3 * 60_000 })).toBe(true);
    expect(statusShowsDifferently(INITIAL_STATUS, { ...INITIAL_STATUS, lastSyncAt: online.lastSyncAt })).toBe(true);
  });
});
