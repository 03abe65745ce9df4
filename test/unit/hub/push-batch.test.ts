/**
 * The hub applies a push batch with a few set-based statements (push.ts: one
 * read of every touched row, one upsert of the rows, one insert into the
 * change log, each fed one JSON document). These tests prove that a batch
 * ends exactly as the same mutations pushed one request at a time — on
 * embedded PGlite and on a real PostgreSQL server — for the paths a batch
 * makes special: the same key touched several times, accepted and rejected
 * mutations mixed (sync.md B.6.3 #8, poisoned mutation), a rejected change
 * re-announcing its row, edit vs delete and restore (B.6.3 #6), hub-assigned
 * business numbers, and text that needs escaping on its way into SQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../../electron/hub/hub';
import type { SqlStore } from '../../../electron/hub/store';
import { openPglite } from '../../../electron/hub/store-pglite';
import { openPostgres } from '../../../electron/hub/store-postgres';
import type { Mutation, PushResponse } from '../../../shared/sync/protocol';
import { T0, TestOutbox, call, card, visit } from './fixtures';
import { startPgServer, type PgServer } from './pg-server';
import { login } from './protocol-suite';

const TRICKY = `引号" 反斜杠\\ 换行\n制表\t 'quote' {"json": [1]} \u00e9 😀 \u2028`;

/** One client's outbox of mutations covering every batch path (see the file comment). */
function scenario(o: TestOutbox): Mutation[] {
  const now = new Date(T0).toISOString();
  const entry = { id: 'w1', name: 'X', idNumber: '1', phone: '2', level: 'watch', reason: 'r', addedBy: 'd', active: true, createdAt: now, updatedAt: now };
  return [
    o.put('visits', 'a', visit('a')),
    o.put('visits', 'a', { purpose: 'edited in the same batch' }),
    o.put('visits', 'b', visit('b', { name: '' })),
    o.put('visits', 'a', { state: 'cancelled' }),
    o.put('watchlist', 'w1', entry),
    o.delete('watchlist', 'w1'),
    o.put('watchlist', 'w1', { reason: 'stale edit after the delete' }),
    o.put('visits', 'c', visit('c', { name: TRICKY, purpose: TRICKY })),
    o.put('cards', 'k1', card('k1')),
    o.put('cards', 'k2', card('k2')),
    o.put('cards', 'k1', { areas: 'C9', number: 'P-00000001', numberFinal: false }),
    o.restore('watchlist', 'w1'),
    o.put('visits', 'a', { notAField: 1 }),
  ];
}

const EXPECTED_OUTCOMES = [
  ['applied', undefined],
  ['applied', undefined],
  ['rejected', 'validation'],
  ['rejected', 'transition'],
  ['applied', undefined],
  ['applied', undefined],
  ['rejected', 'notFound'],
  ['applied', undefined],
  ['applied', undefined],
  ['applied', undefined],
  ['applied', undefined],
  ['applied', undefined],
  ['rejected', 'validation'],
];

interface Snapshot {
  outcomes: [string, string | undefined][];
  records: unknown[];
  changes: unknown[];
  counter: number;
}

/** What the hub holds after the push; the hub's own stamps (on assigned numbers) are checked, then masked. */
async function snapshot(store: SqlStore, outcomes: PushResponse['outcomes']): Promise<Snapshot> {
  const records = await store.query<{ tbl: string; key: string; fields: unknown; field_hlc: Record<string, string>; deleted_hlc: string | null; last_seq: unknown }>(
    'SELECT tbl, key, fields, field_hlc, deleted_hlc, last_seq::text AS last_seq FROM records ORDER BY tbl, key',
  );
  for (const r of records) {
    for (const [f, stamp] of Object.entries(r.field_hlc)) {
      if (stamp.endsWith('hub')) {
        expect(r.tbl === 'cards' && (f === 'number' || f === 'numberFinal')).toBe(true);
        r.field_hlc[f] = '<hub stamp>';
      }
    }
  }
  const changes = await store.query(
    `SELECT client_seq::text AS client_seq, seq::text AS seq, tbl, key, op, outcome, reason, payload, jsonb_typeof(payload) AS payload_type, hlc
       FROM changes ORDER BY id`,
  );
  const [counter] = await store.query<{ seq: unknown }>('SELECT seq::text AS seq FROM sync_counter');
  return { outcomes: outcomes.map((x) => [x.status, x.reason]), records, changes, counter: Number(counter?.seq) };
}

async function pushOnce(hub: Hub, token: string, o: TestOutbox, mutations: Mutation[]): Promise<PushResponse> {
  const res = await call<PushResponse>(hub.url, '/v1/sync/push', o.push(mutations), token);
  expect(res.status).toBe(200);
  return res.body;
}

function defineBatchSuite(name: string, open: (db: string) => Promise<SqlStore>): void {
  describe(`a push batch on ${name}`, () => {
    it('R-X1 R-S1 one batch ends exactly as the same mutations pushed one at a time (same key twice, rejected between applied, delete/restore, numbers, escaping)', async () => {
      const stores = [await open('batch_whole'), await open('batch_single')];
      const hubs: Hub[] = [];
      try {
        for (const store of stores) hubs.push(await startHub({ store, stateDir: null }));
        const [whole, single] = hubs;
        const [wholeStore, singleStore] = stores;
        if (!whole || !single || !wholeStore || !singleStore) throw new Error('two hubs expected');
        const o = new TestOutbox('batch-desk');
        const mutations = scenario(o);

        const wholeToken = await login(whole, 'supervisor');
        const batched = await pushOnce(whole, wholeToken, o, mutations);
        const singleToken = await login(single, 'supervisor');
        const oneByOne: PushResponse['outcomes'] = [];
        for (const m of mutations) oneByOne.push(...(await pushOnce(single, singleToken, o, [m])).outcomes);

        expect(batched.lastClientSeq).toBe(mutations.length);
        const a = await snapshot(wholeStore, batched.outcomes);
        const b = await snapshot(singleStore, oneByOne);
        expect(a.outcomes).toEqual(EXPECTED_OUTCOMES);
        expect(a).toEqual(b);

        // The change log: one entry per mutation in clientSeq order; a delete's and a restore's payload is JSON null.
        expect(a.changes.map((c) => Number((c as { client_seq: string }).client_seq))).toEqual(mutations.map((m) => m.clientSeq));
        const byOp = (op: string) => a.changes.filter((c) => (c as { op: string }).op === op) as { payload_type: string }[];
        expect([...byOp('delete'), ...byOp('restore')].map((c) => c.payload_type)).toEqual(['null', 'null']);
        // Escaped text arrives as it was sent, in the row and in the log.
        const c = a.records.find((r) => (r as { key: string }).key === 'c') as { fields: Record<string, unknown> };
        expect(c.fields).toMatchObject({ name: TRICKY, purpose: TRICKY });
        const cLog = a.changes.find((x) => (x as { key: string }).key === 'c') as { payload: Record<string, unknown> };
        expect(cLog.payload).toEqual(mutations[7]?.value);
        // Every row's last_seq is distinct and the counter row holds the highest (the rejected transition re-announced 'a').
        const seqs = a.records.map((r) => Number((r as { last_seq: string }).last_seq));
        expect(new Set(seqs).size).toBe(seqs.length);
        expect(Math.max(...seqs)).toBe(a.counter);
        // Sequential business numbers, one per card, kept when the same card came again in the batch.
        const cards = a.records.filter((r) => (r as { tbl: string }).tbl === 'cards') as { key: string; fields: Record<string, unknown> }[];
        expect(cards.map((r) => [r.key, r.fields.number, r.fields.numberFinal, r.fields.areas])).toEqual([
          ['k1', `KA-${new Date().getFullYear()}-00001`, true, 'C9'],
          ['k2', `KA-${new Date().getFullYear()}-00002`, true, 'A1-A3'],
        ]);
        // The restore lifted the tombstone; the stale edit between did not land.
        const w = a.records.find((r) => (r as { key: string }).key === 'w1') as { fields: Record<string, unknown>; deleted_hlc: string | null };
        expect(w.deleted_hlc).toBeNull();
        expect(w.fields.reason).toBe('r');

        // Re-sent whole (a lost answer): all duplicates, nothing changes.
        const again = await pushOnce(whole, wholeToken, o, mutations);
        expect(again.outcomes.every((x) => x.status === 'duplicate')).toBe(true);
        expect(await snapshot(wholeStore, batched.outcomes)).toEqual(a);
      } finally {
        for (const h of hubs) await h.close();
        for (const s of stores) await s.close();
      }
    }, 240_000);
  });
}

defineBatchSuite('embedded PGlite', () => openPglite({ dataDir: 'memory://' }));

let server: PgServer | null = null;
const serverReady = startPgServer().then((s) => (server = s));
// Marked handled here; the PostgreSQL test still fails with the reason when it awaits it.
serverReady.catch(() => undefined);
afterAll(async () => {
  await serverReady.catch(() => undefined);
  await server?.stop();
});
defineBatchSuite('a PostgreSQL server', async (db) => openPostgres(await (await serverReady).createDatabase(db)));
