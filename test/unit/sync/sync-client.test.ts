/**
 * The renderer's sync client (renderer/sync) against a real in-process hub
 * over PGlite, with Dexie on fake-indexeddb: the named scenarios of sync.md
 * B.6.3 that concern the client (R-X1, R-S1).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateEpoch } from '../../../electron/hub/epoch';
import { startHub, type Hub } from '../../../electron/hub/hub';
import { openPglite } from '../../../electron/hub/store-pglite';
import type { SqlStore } from '../../../electron/hub/store';
import type { Visit } from '../../../shared/domain/visit';
import { parseHlc } from '../../../shared/sync/hlc';
import { MAX_PUSH_BATCH } from '../../../shared/sync/protocol';
import { commit } from '../../../renderer/db/commit';
import { FrontdeskDb, type VisitRow } from '../../../renderer/db/schema';
import { SyncError, httpTransport, type HubTransport } from '../../../renderer/sync/hub-transport';
import { SyncClient } from '../../../renderer/sync/sync-client';
import { META, readMeta } from '../../../renderer/sync/sync-meta';
import { storeSession } from '../../../renderer/sync/session';
import { startTestHub, type TestHub } from './test-hub';
import { card, pass, tenant, visit } from '../hub/fixtures';

const YEAR = 365 * 86400_000;
let t: TestHub;
let store: SqlStore;
let hub: Hub;
let token: string;
let userId: string;

beforeAll(async () => {
  t = await startTestHub('sync-client');
  ({ store, hub, token, userId } = t);
}, 60_000);
afterAll(() => t.close());

const replica = (): Promise<FrontdeskDb> => t.replica();

const row = (id: string, over: Partial<Visit> = {}): VisitRow => ({ ...visit(id, over), terms: [], day: '2026-11-22' });

async function signIn(database: FrontdeskDb, id: string, over: Partial<Visit> = {}): Promise<void> {
  await commit('李娜', (w) => w.put('visits', row(id, over)), database);
}

async function hubChanges(clientIds: string[]): Promise<{ mutation_id: string; outcome: string }[]> {
  return store.query('SELECT mutation_id, outcome FROM changes WHERE client_id = ANY($1::text[])', [clientIds]);
}

describe('sync client against a real hub', () => {
  it('R-X1 lost response: the re-push is applied once and the outbox is cleared on the second ack', async () => {
    const database = await replica();
    const real = httpTransport(hub.url);
    let dropNext = true;
    const lossy: HubTransport = {
      pull: (req, t) => real.pull(req, t),
      push: async (req, t) => {
        const res = await real.push(req, t); // the hub commits…
        if (dropNext) {
          dropNext = false;
          throw new SyncError('offline', 'response lost'); // …and the answer never arrives.
        }
        return res;
      },
    };
    const client = new SyncClient({ database, transport: lossy });
    const [a, b] = [`lost-a-${t.made}`, `lost-b-${t.made}`];
    await signIn(database, a);
    await signIn(database, b);
    await expect(client.syncOnce()).rejects.toMatchObject({ code: 'offline' });
    expect(await database.outbox.count()).toBe(2);
    await client.syncOnce();
    expect(await database.outbox.count()).toBe(0);
    const clientId = await readMeta(database.meta, META.clientId);
    const changes = await hubChanges([clientId ?? '']);
    expect(changes.filter((c) => c.outcome === 'applied')).toHaveLength(2);
    expect(new Set(changes.map((c) => c.mutation_id)).size).toBe(changes.length);
  });

  it('R-X1 a rejected mutation is surfaced with its reason and does not block the ones after it', async () => {
    const database = await replica();
    const client = new SyncClient({ database, transport: httpTransport(hub.url) });
    const [bad, good] = [`bad-${t.made}`, `good-${t.made}`];
    // A visit with a state the domain does not know: the hub refuses it for good (validation).
    await commit('李娜', (w) => w.put('visits', { ...row(bad), state: 'teleported' } satisfies Record<string, unknown> as unknown as VisitRow), database);
    await signIn(database, good);
    const round = await client.syncOnce();
    expect(round.rejected).toBe(1);
    expect(await database.outbox.count()).toBe(0);
    const rejects = await database.syncRejects.toArray();
    expect(rejects).toEqual([expect.objectContaining({ table: 'visits', key: bad, reason: 'validation' })]);
    const onHub = await store.query<{ key: string }>(`SELECT key FROM records WHERE tbl = 'visits' AND key = ANY($1::text[])`, [[bad, good]]);
    expect(onHub.map((r) => r.key)).toEqual([good]);
  });

  it('R-X1 epoch change: the client re-snapshots, keeps its outbox and its pending row, then pushes it', async () => {
    const database = await replica();
    const client = new SyncClient({ database, transport: httpTransport(hub.url) });
    await signIn(database, `before-${t.made}`);
    await client.syncOnce();
    const pending = `pending-${t.made}`;
    await signIn(database, pending);
    await rotateEpoch(store); // the hub was restored from a backup
    await client.pullAll();
    expect(await readMeta(database.meta, META.epoch)).toBe(await store.query<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'epoch'`).then((r) => r[0]?.value));
    expect(await database.outbox.count()).toBe(1);
    expect(await database.visits.get(pending)).toBeDefined();
    await client.syncOnce();
    expect(await database.outbox.count()).toBe(0);
    const onHub = await store.query(`SELECT 1 FROM records WHERE tbl = 'visits' AND key = $1`, [pending]);
    expect(onHub).toHaveLength(1);
  });

  it('R-X1 a replica is not sent its own rows back (echoes) unless another replica changed them, and a re-snapshot over several pages brings them all back', async () => {
    const a = await replica();
    const b = await replica();
    const mine = [1, 2, 3, 4, 5].map((i) => `echo-${i}-${t.made}`);
    const received: string[] = [];
    const real = httpTransport(hub.url);
    const watching: HubTransport = {
      push: (r, tk) => real.push(r, tk),
      pull: async (r, tk) => {
        const page = await real.pull(r, tk);
        received.push(...page.changes.map((c) => c.key).filter((k) => mine.includes(k)));
        return page;
      },
    };
    const client = new SyncClient({ database: a, transport: watching, pullLimit: 2 });
    await client.syncOnce(); // caught up with what other tests left on the hub
    for (const id of mine) await signIn(a, id);
    await client.syncOnce();
    expect(received).toEqual([]); // pushed and acked; nothing came back
    expect((await a.visits.bulkGet(mine)).every((v) => v?.state === 'onSite')).toBe(true);

    // Another desk signs the second visitor out: that row comes back, changed; the others still do not.
    await new SyncClient({ database: b, transport: real }).syncOnce();
    const second = await b.visits.get(mine[1] ?? '');
    await commit('王芳', (w) => w.put('visits', { ...second!, state: 'signedOut', signedOutAt: w.now, signedOutBy: '王芳' }), b);
    await new SyncClient({ database: b, transport: real }).syncOnce();
    await client.syncOnce();
    expect(received).toEqual([mine[1]]);
    expect((await a.visits.get(mine[1] ?? ''))?.state).toBe('signedOut');

    // The hub restored from a backup: the replica clears its rows and gets every one back, its own included,
    // although the re-snapshot takes pages of two and only the first says `reset` (five rows: some come later).
    received.length = 0;
    await rotateEpoch(store);
    await client.pullAll();
    expect([...received].sort()).toEqual([...mine].sort());
    expect((await a.visits.bulkGet(mine)).map((v) => v?.state)).toEqual(['onSite', 'signedOut', 'onSite', 'onSite', 'onSite']);
    expect(await readMeta(a.meta, META.resnapshot)).toBeNull();
  }, 60_000);

  it('R-X1 a pulled page answered while a push was acked is asked for again: it may predate the push, whose row the hub will not send back', async () => {
    const database = await replica();
    const real = httpTransport(hub.url);
    let armed = false;
    let reached!: () => void;
    const answered = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let pulls = 0;
    const gated: HubTransport = {
      push: (r, tk) => real.push(r, tk),
      pull: async (r, tk) => {
        pulls += 1;
        const page = await real.pull(r, tk);
        if (armed) {
          armed = false;
          reached();
          await released; // the answer is on its way back
        }
        return page;
      },
    };
    const client = new SyncClient({ database, transport: gated });
    const id = `across-ack-${t.made}`;
    await signIn(database, id);
    await client.syncOnce(); // the hub now marks the row as this replica's own (an echo)
    await rotateEpoch(store); // a re-snapshot: its pages bring own rows too, as the hub holds them now
    armed = true;
    const pulling = client.pullAll();
    await answered;
    const before = pulls;
    const v = await database.visits.get(id);
    await commit('李娜', (w) => w.put('visits', { ...v!, surveyScore: 5 }), database);
    await client.pushAll(); // applied and acked while that page (without the score) is still out
    release();
    await pulling;
    expect(pulls).toBeGreaterThan(before); // the page was dropped and asked for again
    expect((await database.visits.get(id))?.surveyScore).toBe(5);
    await client.syncOnce();
    expect((await database.visits.get(id))?.surveyScore).toBe(5);
  }, 60_000);

  it('R-X1 acked rows leave the outbox, and a row between them that does not go to the hub stays', async () => {
    const database = await replica();
    await signIn(database, `around-1-${t.made}`);
    // A row of a table the hub does not take (no clientSeq: it never goes out) between two that do.
    const localOnly = await database.outbox.add({ mutationId: `local-${t.made}`, table: 'doorLog' as never, op: 'put', key: 'k', value: { id: 'k' }, at: new Date().toISOString() });
    await signIn(database, `around-2-${t.made}`);
    const round = await new SyncClient({ database, transport: httpTransport(hub.url) }).pushAll();
    expect(round).toMatchObject({ pushed: 2, rejected: 0 });
    expect(await database.outbox.toCollection().primaryKeys()).toEqual([localOnly]);
  });

  it('R-X1 a wiped database gets a new client id and starts its sequence again without a gap or a 403', async () => {
    const name = `wiped-${Date.now()}`;
    let database = new FrontdeskDb(name);
    await storeSession({ token, kind: 'user', subject: userId, role: 'receptionist', name: '李娜' }, database);
    await signIn(database, `w1-${t.made}`);
    await new SyncClient({ database, transport: httpTransport(hub.url) }).syncOnce();
    const oldId = await readMeta(database.meta, META.clientId);
    database.close();
    await database.delete(); // eviction, reinstall
    database = new FrontdeskDb(name);
    await storeSession({ token, kind: 'user', subject: userId, role: 'receptionist', name: '李娜' }, database);
    await signIn(database, `w2-${t.made}`);
    const newId = await readMeta(database.meta, META.clientId);
    expect(newId).not.toBe(oldId);
    const round = await new SyncClient({ database, transport: httpTransport(hub.url) }).syncOnce();
    expect(round.pushed).toBe(1);
    expect(await database.visits.get(`w1-${t.made}`)).toBeDefined(); // re-snapshotted from the hub
    const [c] = await store.query<{ last_client_seq: unknown }>('SELECT last_client_seq FROM clients WHERE client_id = $1', [newId]);
    expect(Number(c?.last_client_seq)).toBe(1);
  });

  it('R-X1 clock skew: a client a year ahead still syncs, the hub clamps its stamps and tells it the skew', async () => {
    const database = await replica();
    const realNow = Date.now;
    const ahead = (): number => realNow() + YEAR;
    const client = new SyncClient({ database, transport: httpTransport(hub.url), now: ahead });
    const id = `skew-${t.made}`;
    Date.now = ahead; // the machine's clock, as commit() reads it
    try {
      await signIn(database, id);
    } finally {
      Date.now = realNow;
    }
    const round = await client.syncOnce();
    expect(round.pushed).toBe(1);
    expect(round.skewMs).toBeGreaterThan(YEAR - 60_000);
    const [rec] = await store.query<{ field_hlc: Record<string, string> }>(`SELECT field_hlc FROM records WHERE tbl = 'visits' AND key = $1`, [id]);
    const walls = Object.values(rec?.field_hlc ?? {}).map((s) => parseHlc(s).wall);
    expect(walls.length).toBeGreaterThan(0);
    for (const w of walls) expect(w).toBeLessThanOrEqual(Date.now() + 61_000);
  });

  it('R-S1 an edit made after pulling a row stamped by a clock ahead of this one wins, on the hub and on both desks (HLC causality on pull)', async () => {
    const fast = await replica();
    const slow = await replica();
    const realNow = Date.now;
    const ahead = (): number => realNow() + 30_000; // within the hub's allowed drift: not clamped
    const id = `causal-${t.made}`;
    Date.now = ahead;
    try {
      await signIn(fast, id, { purpose: 'signed in on the fast desk' });
      await new SyncClient({ database: fast, transport: httpTransport(hub.url), now: ahead }).syncOnce();
    } finally {
      Date.now = realNow;
    }
    const slowClient = new SyncClient({ database: slow, transport: httpTransport(hub.url) });
    await slowClient.syncOnce();
    const seen = await slow.visits.get(id);
    expect(seen?.purpose).toBe('signed in on the fast desk');
    // Seconds later by the slow desk's clock, still before the fast desk's stamp: the edit follows what it saw.
    await commit('王芳', (w) => w.put('visits', { ...seen!, purpose: 'corrected at the slow desk' }), slow);
    await slowClient.syncOnce();
    const [rec] = await store.query<{ fields: { purpose: string } }>(`SELECT fields FROM records WHERE tbl = 'visits' AND key = $1`, [id]);
    expect(rec?.fields.purpose).toBe('corrected at the slow desk');
    Date.now = ahead;
    try {
      await new SyncClient({ database: fast, transport: httpTransport(hub.url), now: ahead }).syncOnce();
    } finally {
      Date.now = realNow;
    }
    expect((await fast.visits.get(id))?.purpose).toBe('corrected at the slow desk');
    expect((await slow.visits.get(id))?.purpose).toBe('corrected at the slow desk');
  });

  it('R-S1 another user on the same database gets its own client id; pending rows are renumbered and pushed', async () => {
    const database = await replica();
    await signIn(database, `u1-${t.made}`);
    await new SyncClient({ database, transport: httpTransport(hub.url) }).syncOnce();
    const first = await readMeta(database.meta, META.clientId);
    await hub.auth.createUser({ username: `wf-${t.made}`, password: 'frontdesk', role: 'supervisor', displayName: '王芳' });
    const other = await hub.auth.login(`wf-${t.made}`, 'frontdesk');
    await signIn(database, `u2-${t.made}`);
    await storeSession({ token: other.token, kind: 'user', subject: other.userId, role: 'supervisor', name: '王芳' }, database);
    const round = await new SyncClient({ database, transport: httpTransport(hub.url) }).syncOnce();
    expect(round.pushed).toBe(1);
    expect(await readMeta(database.meta, META.clientId)).not.toBe(first);
    expect(await database.outbox.count()).toBe(0);
  });

  it('R-X1 a hub newer than the app says "update", and the outbox is kept for when it can push', async () => {
    const newerStore = await openPglite({ dataDir: 'memory://' });
    const newer = await startHub({ store: newerStore, stateDir: null, schemaVersion: 99 });
    try {
      await newer.auth.createUser({ username: 'lina', password: 'frontdesk', role: 'receptionist' });
      const login = await newer.auth.login('lina', 'frontdesk');
      const database = new FrontdeskDb(`schema-${Date.now()}`);
      await storeSession({ token: login.token, kind: 'user', subject: login.userId, role: 'receptionist', name: '李娜' }, database);
      await signIn(database, 'kept');
      await expect(new SyncClient({ database, transport: httpTransport(newer.url) }).syncOnce()).rejects.toMatchObject({ code: 'updateRequired' });
      expect(await database.outbox.count()).toBe(1);
    } finally {
      await newer.close();
      await newerStore.close();
    }
    // A second PGlite hub starts inside this test: seconds on a loaded 2-core machine.
  }, 60_000);

  it('issue 3: cards made on an offline desk show P- numbers, then the hub\'s sequential numbers after sync; a second desk sees the same', async () => {
    const desk = await replica();
    const [c1, c2] = [`offline-card-1-${t.made}`, `offline-card-2-${t.made}`];
    await commit('李娜', async (w) => {
      await w.put('cards', card(c1, { number: 'P-00000001' }));
    }, desk);
    await commit('李娜', async (w) => {
      await w.put('cards', card(c2, { number: 'P-00000002' }));
    }, desk);
    expect((await desk.outbox.toArray()).map((r) => r.clientSeq)).toEqual([1, 2]);
    await new SyncClient({ database: desk, transport: httpTransport(hub.url) }).syncOnce();
    const [r1, r2] = [await desk.cards.get(c1), await desk.cards.get(c2)];
    expect(r1).toMatchObject({ numberFinal: true, number: expect.stringMatching(/^KA-\d{4}-\d{5}$/) });
    expect(Number(r2?.number.slice(-5))).toBe(Number(r1?.number.slice(-5)) + 1);
    // A later edit on the desk (an upload) does not bring the provisional number back.
    await commit('李娜', async (w) => {
      const c = await desk.cards.get(c1);
      if (c) await w.put('cards', { ...c, state: 'uploaded', uploadedAt: w.now });
    }, desk);
    await new SyncClient({ database: desk, transport: httpTransport(hub.url) }).syncOnce();
    const other = await replica();
    await new SyncClient({ database: other, transport: httpTransport(hub.url) }).syncOnce();
    expect(await other.cards.get(c1)).toMatchObject({ number: r1?.number, numberFinal: true, state: 'uploaded' });
    expect(await desk.cards.get(c1)).toMatchObject({ number: r1?.number, state: 'uploaded' });
  });

  it('issue 3: switchboard and pass rows written through commit() reach another desk; a refused pass hand-out is listed and undone', async () => {
    const a = await replica();
    const b = await replica();
    const [tid, p] = [`tenant-${t.made}`, `pass-${t.made}`];
    await commit('李娜', async (w) => {
      await w.put('tenants', tenant(tid));
      await w.put('passes', pass(p));
    }, a);
    const sa = new SyncClient({ database: a, transport: httpTransport(hub.url) });
    const sb = new SyncClient({ database: b, transport: httpTransport(hub.url) });
    await sa.syncOnce();
    await sb.syncOnce();
    expect(await b.tenants.get(tid)).toMatchObject({ unit: 'B-301' });
    // A retires the pass; B, not yet told, hands it out.
    await commit('李娜', async (w) => w.put('passes', { ...pass(p), state: 'retired' }), a);
    await sa.syncOnce();
    await commit('李娜', async (w) => w.put('passes', { ...pass(p), state: 'issued', issueId: 'i-b' }), b);
    const round = await sb.syncOnce();
    expect(round.rejected).toBe(1);
    expect(await b.syncRejects.toArray()).toMatchObject([{ table: 'passes', key: p, reason: 'transition' }]);
    expect(await b.passes.get(p)).toMatchObject({ state: 'retired', issueId: null });
  });

  it('issue 3: card applications with scanned letters (5 MB each) sync in batches and pages that fit the hub\'s 16 MB limit', async () => {
    const a = await replica();
    const b = await replica();
    const at = new Date().toISOString();
    const ids = [1, 2, 3, 4].map((i) => `letter-app-${i}-${t.made}`);
    for (const id of ids) {
      await commit('李娜', async (w) => {
        await w.put('cardApplications', {
          id,
          company: '数据港',
          photo: null,
          holderName: '赵六',
          idType: 'resident',
          idNumber: '110105194912310029',
          phone: '13800000000',
          areas: 'A1',
          validFrom: '2026-11-22',
          validTo: '2027-11-22',
          salesRep: '钱七',
          letter: { name: 'letter.png', type: 'image/png', dataUrl: `data:image/png;base64,${'A'.repeat(5_000_000)}` },
          state: 'submitted',
          createdAt: at,
          createdBy: '钱七',
          updatedAt: at,
        });
      }, a);
    }
    // Four letters are 20 MB: one request would be refused as too large, and nothing would ever sync.
    const round = await new SyncClient({ database: a, transport: httpTransport(hub.url) }).syncOnce();
    expect(round).toMatchObject({ pushed: 4, rejected: 0 });
    let pages = 0;
    const real = httpTransport(hub.url);
    const counting: HubTransport = { push: (r, t) => real.push(r, t), pull: (r, t) => ((pages += 1), real.pull(r, t)) };
    await new SyncClient({ database: b, transport: counting }).syncOnce();
    expect((await b.cardApplications.bulkGet(ids)).map((x) => x?.letter.dataUrl.length)).toEqual(ids.map(() => 5_000_022));
    expect(pages).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('R-X1 a backlog goes in pipelined batches: the network failing mid-way loses nothing and doubles nothing', async () => {
    const database = await replica();
    const total = MAX_PUSH_BATCH * 3 + 7;
    const ids = Array.from({ length: total }, (_, i) => `backlog-${i}-${t.made}`);
    for (let i = 0; i < total; i += 100) {
      await commit('kiosk', async (w) => {
        for (const id of ids.slice(i, i + 100)) await w.put('visits', row(id));
      }, database);
    }
    const real = httpTransport(hub.url);
    const sent: { first: number; last: number }[] = [];
    let failOn = 3; // the third request never reaches the hub
    const flaky: HubTransport = {
      pull: (req, tk) => real.pull(req, tk),
      push: async (req, tk) => {
        sent.push({ first: req.mutations[0]?.clientSeq ?? 0, last: req.mutations.at(-1)?.clientSeq ?? 0 });
        if (sent.length === failOn) throw new SyncError('offline', 'cable pulled');
        return real.push(req, tk);
      },
    };
    const client = new SyncClient({ database, transport: flaky });
    await expect(client.pushAll()).rejects.toMatchObject({ code: 'offline' });
    // The two answered batches are acked (the second one's ack was written while the third was on the wire);
    // the third batch and everything after it still wait.
    expect(await database.outbox.count()).toBe(total - 2 * MAX_PUSH_BATCH);
    failOn = 0;
    const again = await client.pushAll();
    expect(again).toMatchObject({ rejected: 0, more: false });
    expect(await database.outbox.count()).toBe(0);
    // In order, batch after batch, each starting where the last one ended.
    const B = MAX_PUSH_BATCH;
    expect(sent.map((b) => [b.first, b.last])).toEqual([
      [1, B],
      [B + 1, 2 * B],
      [2 * B + 1, 3 * B],
      [2 * B + 1, 3 * B],
      [3 * B + 1, total],
    ]);
    const clientId = await readMeta(database.meta, META.clientId);
    const log = await hubChanges([clientId ?? '']);
    expect(log).toHaveLength(total);
    expect(new Set(log.map((c) => c.mutation_id)).size).toBe(total);
    expect(log.every((c) => c.outcome === 'applied')).toBe(true);
  }, 60_000);
});
