import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectTombstones } from '../../../electron/hub/gc';
import { startHub } from '../../../electron/hub/hub';
import { openPglite } from '../../../electron/hub/store-pglite';
import type { PullResponse } from '../../../shared/sync/protocol';
import { TestOutbox, call, visit } from './fixtures';
import { defineProtocolSuite, login, pullAll } from './protocol-suite';

defineProtocolSuite('embedded PGlite', async () => {
  const store = await openPglite({ dataDir: 'memory://' });
  const hub = await startHub({ store, stateDir: null });
  return {
    hub,
    async cleanup() {
      await hub.close();
      await store.close();
    },
  };
});

describe('hub epoch (PGlite)', () => {
  it('R-X1 a hub restored from a backup gets a new epoch; a client with a cursor from the future is reset', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'hub-epoch-'));
    try {
      const store = await openPglite({ dataDir: 'memory://' });
      const hub = await startHub({ store, stateDir });
      const token = await login(hub, 'receptionist');
      const o = new TestOutbox('epoch-client');
      const push = (k: string) => call(hub.url, '/v1/sync/push', o.push([o.put('visits', k, visit(k))]), token);
      for (const k of ['a', 'b', 'c']) await push(k);
      const backup = await store.dump();
      for (const k of ['d', 'e']) await push(k);
      const seen = await pullAll(hub, token, o);
      expect(seen.cursor).toBe(5);
      const oldEpoch = hub.epoch();
      await hub.close();
      await store.close();

      const restoredStore = await openPglite({ dataDir: 'memory://', loadDataDir: backup });
      const restored = await startHub({ store: restoredStore, stateDir });
      expect(restored.epoch()).not.toBe(oldEpoch);
      const res = await call<PullResponse>(restored.url, '/v1/sync/pull', o.pull(seen.cursor, seen.epoch), token);
      expect(res.status).toBe(200);
      expect(res.body.reset).toBe(true);
      expect(res.body.changes.map((r) => r.key)).toEqual(['a', 'b', 'c']);
      // The client re-pushes its outbox (d, e): the restored hub's clients row says last seq 3, so they apply.
      await restored.close();
      await restoredStore.close();
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('transient hub failure (PGlite)', () => {
  it('R-X1 a failure mid-batch applies nothing (503); the retry then applies every mutation once', async () => {
    const store = await openPglite({ dataDir: 'memory://' });
    let fail = true;
    const hub = await startHub({
      store,
      stateDir: null,
      beforeCommit: () => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve()),
    });
    try {
      const token = await login(hub, 'receptionist');
      const o = new TestOutbox('transient');
      const batch = o.push(['a', 'b', 'c'].map((k) => o.put('visits', k, visit(k))));
      const failed = await call(hub.url, '/v1/sync/push', batch, token);
      expect(failed).toMatchObject({ status: 503, body: { code: 'unavailable' } });
      const none = await store.query('SELECT 1 FROM records');
      expect(none).toHaveLength(0);
      fail = false;
      const ok = await call<{ lastClientSeq: number; outcomes: { status: string }[] }>(hub.url, '/v1/sync/push', batch, token);
      expect(ok.body.lastClientSeq).toBe(3);
      expect(ok.body.outcomes.map((x) => x.status)).toEqual(['applied', 'applied', 'applied']);
      const pulled = await call<PullResponse>(hub.url, '/v1/sync/pull', o.pull(0, null), token);
      expect(pulled.body.changes.map((r) => r.key)).toEqual(['a', 'b', 'c']);
    } finally {
      await hub.close();
      await store.close();
    }
  }, 60_000);
});

describe('tombstone GC (PGlite)', () => {
  it('R-X1 old tombstones are collected; a cursor from before the horizon is reset, a newer one is not', async () => {
    const store = await openPglite({ dataDir: 'memory://' });
    const hub = await startHub({ store, stateDir: null });
    try {
      const token = await login(hub, 'supervisor');
      const o = new TestOutbox('gc');
      const push = (ms: ReturnType<TestOutbox['put']>[]) => call(hub.url, '/v1/sync/push', o.push(ms), token);
      await push([o.put('visits', 'a', visit('a')), o.put('visits', 'b', visit('b'))]);
      const early = await pullAll(hub, token, o);
      await push([o.delete('visits', 'a')]);
      const late = await pullAll(hub, token, o, early.cursor);
      expect(late.rows.map((r) => [r.key, r.deletedHlc !== null])).toEqual([['a', true]]);
      const gone = await collectTombstones(store, new Date(Date.now() + 60_000).toISOString());
      expect(gone).toBe(1);
      const stale = await call<PullResponse>(hub.url, '/v1/sync/pull', o.pull(early.cursor, early.epoch), token);
      expect(stale.body.reset).toBe(true);
      expect(stale.body.changes.map((r) => r.key)).toEqual(['b']);
      const fresh = await call<PullResponse>(hub.url, '/v1/sync/pull', o.pull(late.cursor, late.epoch), token);
      expect(fresh.body).toMatchObject({ reset: false, changes: [] });
    } finally {
      await hub.close();
      await store.close();
    }
  }, 60_000);
});
