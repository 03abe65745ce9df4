/**
 * The property-based test of sync.md B.6: simulated clients (in-memory outbox,
 * HLC and replica) write, delete, go offline, skew their clocks and sync
 * through a network that drops, duplicates and reorders requests and
 * responses, while the hub restarts. After healing, every client and the hub
 * hold the same state, equal to a deliberately simple oracle; every mutation
 * is recorded exactly once, in per-client order; nothing a client wrote is
 * lost; tombstones stick.
 *
 * The hub clamps stamps more than maxDrift ahead; here maxDrift is two years so
 * the oracle can stay "greatest client stamp wins" (clamping has its own
 * scenario test in the protocol suite).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../../electron/hub/hub';
import { openPglite } from '../../../electron/hub/store-pglite';
import type { SqlStore } from '../../../electron/hub/store';
import { HybridClock, compareHlc } from '../../../shared/sync/hlc';
import { latestStamp, stampOf } from '../../../shared/sync/stamps';
import {
  SYNC_SCHEMA_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  type Mutation,
  type PullResponse,
  type PushResponse,
} from '../../../shared/sync/protocol';
import { call } from './fixtures';
import { login } from './protocol-suite';

/**
 * CI runs the fast profile (200 runs of up to 50 commands, about 14 s here; `size: 'max'`, or
 * fast-check never makes a list longer than 10 whatever maxLength says); a long hunt:
 * SYNC_PROPERTY_RUNS=3000 SYNC_PROPERTY_COMMANDS=200 SYNC_PROPERTY_SECONDS=2400
 * (fast-check prints the seed and the shrunk commands of a failure: make it a named test).
 */
const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 200);
const COMMANDS = Number(process.env.SYNC_PROPERTY_COMMANDS ?? 50);
const SECONDS = Number(process.env.SYNC_PROPERTY_SECONDS ?? 25);
/** Replays (and shrinks further) a failure fast-check reported: SYNC_PROPERTY_SEED=… SYNC_PROPERTY_PATH=…. */
const REPLAY = process.env.SYNC_PROPERTY_SEED ? { seed: Number(process.env.SYNC_PROPERTY_SEED), path: process.env.SYNC_PROPERTY_PATH } : {};
const KEYS = ['w1', 'w2', 'w3'] as const;
const FIELDS = ['name', 'phone', 'reason'] as const;
const VALUES = ['a', 'b', 'c', 'd'] as const;
const YEAR = 365 * 86400_000;

/** `late`: the hub handles the request now, and its answer comes back later, after other traffic. */
type Delivery = 'ok' | 'dropRequest' | 'dropResponse' | 'duplicate' | 'late';

type Command =
  | { kind: 'write'; c: number; key: number; field: number; value: number }
  | { kind: 'delete'; c: number; key: number }
  | { kind: 'online'; c: number; on: boolean }
  | { kind: 'send'; c: number; skipFirst: boolean; limit: number }
  | { kind: 'deliver'; pick: number; mode: Delivery }
  | { kind: 'skew'; c: number; ms: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'hubRestart' };

const commandArb = (clients: number): fc.Arbitrary<Command> => {
  const c = fc.nat({ max: clients - 1 });
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('write' as const), c, key: fc.nat({ max: 2 }), field: fc.nat({ max: 2 }), value: fc.nat({ max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), c, key: fc.nat({ max: 2 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('online' as const), c, on: fc.boolean() }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('send' as const), c, skipFirst: fc.boolean(), limit: fc.integer({ min: 1, max: 4 }) }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(), mode: fc.constantFrom<Delivery>('ok', 'ok', 'dropRequest', 'dropResponse', 'duplicate', 'late') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('skew' as const), c, ms: fc.integer({ min: -YEAR, max: YEAR }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 60_000 }) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'hubRestart' as const }) },
  );
};

/**
 * A client replica as the app keeps one (renderer/db/commit.ts,
 * renderer/sync/apply-page.ts, sync-client.ts): local rows written at once by
 * its own writes and replaced by pulled snapshots, with pending outbox fields
 * kept over older hub values; it asks the hub to leave out its own rows
 * (echoes) except while re-snapshotting, and drops a page answered across a
 * push ack.
 */
class SimClient {
  readonly clock: HybridClock;
  skew = 0;
  online = true;
  seq = 0;
  outbox: Mutation[] = [];
  readonly local = new Map<string, Record<string, unknown>>();
  cursor = 0;
  epoch: string | null = null;
  resnapshot = false;
  acks = 0;
  readonly rejected = new Map<string, string>();

  constructor(
    readonly id: string,
    now: () => number,
  ) {
    this.clock = new HybridClock(id, () => now() + this.skew);
  }

  deletePending(key: string): boolean {
    return this.outbox.some((m) => m.key === key && m.op === 'delete');
  }

  put(key: string, value: Record<string, unknown>): Mutation {
    const before = this.local.get(key);
    const m = this.mutate('put', key, value, before ? 'overlay' : 'new');
    this.local.set(key, { ...(before ?? {}), ...value });
    return m;
  }

  remove(key: string): Mutation {
    this.local.delete(key);
    return this.mutate('delete', key, null);
  }

  private mutate(op: Mutation['op'], key: string, value: Record<string, unknown> | null, local?: Mutation['local']): Mutation {
    this.seq += 1;
    const m: Mutation = { clientSeq: this.seq, mutationId: `${this.id}-${this.seq}`, table: 'watchlist', op, key, value, hlc: this.clock.tick(), ...(local ? { local } : {}) };
    this.outbox.push(m);
    return m;
  }

  onPush(res: PushResponse): void {
    this.clock.receive(res.hubHlc);
    // Ack deletes only ≤ lastClientSeq, so a stale or reordered answer is harmless.
    const before = this.outbox.length;
    this.outbox = this.outbox.filter((m) => m.clientSeq > res.lastClientSeq);
    if (this.outbox.length !== before) this.acks += 1;
    for (const o of res.outcomes) if (o.status === 'rejected') this.rejected.set(o.mutationId, o.reason ?? '');
  }

  onPull(sent: { cursor: number; epoch: string | null; acks: number }, res: PullResponse): void {
    // An answer to an older request (reordered or duplicated) is ignored: the cursor only moves forward in step;
    // so is one answered across an ack (its rows may predate what the ack took out of the outbox).
    if (sent.cursor !== this.cursor || sent.epoch !== this.epoch || sent.acks !== this.acks) return;
    if (res.reset) {
      const pending = new Set(this.outbox.map((m) => m.key));
      for (const key of [...this.local.keys()]) if (!pending.has(key)) this.local.delete(key);
    }
    for (const ch of res.changes) {
      if (ch.deletedHlc !== null) {
        this.local.delete(ch.key);
        continue;
      }
      if (this.deletePending(ch.key)) continue;
      const mine: Record<string, unknown> = {};
      for (const m of this.outbox) {
        if (m.key !== ch.key || m.op !== 'put') continue;
        for (const [f, v] of Object.entries(m.value ?? {})) {
          const theirs = stampOf(ch.fields, ch, f);
          if (theirs === undefined || compareHlc(m.hlc, theirs) > 0) mine[f] = v;
        }
      }
      this.local.set(ch.key, { ...ch.fields, ...mine });
    }
    this.resnapshot = res.hasMore && (res.reset || this.resnapshot);
    this.cursor = res.nextCursor;
    this.epoch = res.epoch;
    // As apply-page.ts: past every stamp the page showed, not only the hub's clock (which a restart resets).
    this.clock.receive(res.hubHlc);
    for (const ch of res.changes) {
      const latest = latestStamp(ch);
      if (latest !== null) this.clock.receive(latest);
    }
  }
}

interface Envelope {
  client: SimClient;
  path: '/v1/sync/push' | '/v1/sync/pull';
  body: object;
  onReply(body: unknown): void;
  /** An answer on its way back (a `late` delivery): delivering it only hands it to the client. */
  reply?: unknown;
}

describe('sync property (R-X1, R-S1)', () => {
  let store: SqlStore;
  let hub: Hub;
  let token = '';
  let simNow = Date.parse('2026-11-22T09:00:00Z');
  let loggedInAt = simNow;
  const now = (): number => simNow;
  const start = () => startHub({ store, stateDir: null, now, maxDriftMs: 2 * YEAR });

  beforeAll(async () => {
    store = await openPglite({ dataDir: 'memory://' });
    hub = await start();
    token = await login(hub, 'supervisor');
  }, 60_000);
  afterAll(async () => {
    await hub.close();
    await store.close();
  });

  async function deliver(e: Envelope, mode: Delivery, net: Envelope[]): Promise<void> {
    if (mode === 'dropRequest') return;
    if (e.reply !== undefined) {
      if (mode !== 'dropResponse') e.onReply(e.reply);
      return;
    }
    const res = await call<unknown>(hub.url, e.path, e.body, token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    if (mode === 'dropResponse') return;
    if (mode === 'late') {
      net.push({ ...e, reply: res.body });
      return;
    }
    if (mode === 'duplicate') {
      const again = await call<unknown>(hub.url, e.path, e.body, token);
      expect(again.status).toBe(200);
      e.onReply(again.body);
      e.onReply(res.body);
      return;
    }
    e.onReply(res.body);
  }

  function send(c: SimClient, skipFirst: boolean, limit: number, net: Envelope[]): void {
    const batch = c.outbox.slice(skipFirst ? 1 : 0, (skipFirst ? 1 : 0) + limit);
    net.push({
      client: c,
      path: '/v1/sync/push',
      body: { schemaVersion: SYNC_SCHEMA_VERSION, clientId: c.id, hlc: c.clock.tick(), mutations: batch },
      onReply: (b) => c.onPush(pushResponseSchema.parse(b)),
    });
    const sent = { cursor: c.cursor, epoch: c.epoch, acks: c.acks };
    net.push({
      client: c,
      path: '/v1/sync/pull',
      body: { schemaVersion: SYNC_SCHEMA_VERSION, clientId: c.id, epoch: sent.epoch, cursor: sent.cursor, limit: 2, skipEchoes: !c.resnapshot },
      onReply: (b) => c.onPull(sent, pullResponseSchema.parse(b)),
    });
  }

  let run = 0;
  /** Rows left marked as some client's echo at the end of a run, over all runs: the runs did leave rows out of pulls. */
  let echoRows = 0;
  async function scenario(clientCount: number, commands: Command[]): Promise<void> {
    run += 1;
    await store.query('TRUNCATE records, changes, clients');
    await store.query('UPDATE sync_counter SET seq = 0');
    // The simulated clock only moves forward, run after run: a session must not expire (12 h) in a run.
    if (simNow - loggedInAt > 6 * 3600_000) {
      token = await login(hub, 'supervisor');
      loggedInAt = simNow;
    }
    const clients = Array.from({ length: clientCount }, (_, i) => new SimClient(`r${run}c${i}`, now));
    const created: Mutation[] = [];
    const net: Envelope[] = [];
    const at = (i: number): SimClient => {
      const c = clients[i % clients.length];
      if (!c) throw new Error('no such client');
      return c;
    };

    for (const cmd of commands) {
      switch (cmd.kind) {
        case 'write': {
          const c = at(cmd.c);
          const key = KEYS[cmd.key] ?? 'w1';
          const field = FIELDS[cmd.field] ?? 'name';
          const value = VALUES[cmd.value] ?? 'a';
          if (c.deletePending(key)) break;
          const iso = new Date(simNow).toISOString();
          const fields: Record<string, unknown> = c.local.has(key)
            ? { [field]: value }
            : { id: key, name: 'n', idNumber: 'i', phone: 'p', level: 'watch', reason: 'r', addedBy: c.id, active: true, createdAt: iso, updatedAt: iso, [field]: value };
          created.push(c.put(key, fields));
          break;
        }
        case 'delete': {
          const c = at(cmd.c);
          const key = KEYS[cmd.key] ?? 'w1';
          if (!c.local.has(key)) break;
          created.push(c.remove(key));
          break;
        }
        case 'online':
          at(cmd.c).online = cmd.on;
          break;
        case 'send': {
          const c = at(cmd.c);
          if (c.online) send(c, cmd.skipFirst, cmd.limit, net);
          break;
        }
        case 'deliver': {
          if (net.length === 0) break;
          const [e] = net.splice(cmd.pick % net.length, 1);
          // An offline client's messages are lost on the wire.
          if (e) await deliver(e, e.client.online ? cmd.mode : 'dropRequest', net);
          break;
        }
        case 'skew':
          at(cmd.c).skew = cmd.ms;
          break;
        case 'advance':
          simNow += cmd.ms;
          break;
        case 'hubRestart':
          await hub.close();
          hub = await start();
          break;
      }
    }

    // Healing: everyone online, a reliable network, bounded rounds.
    net.length = 0;
    let healed = false;
    for (let round = 0; round < 60 && !healed; round += 1) {
      for (const c of clients) {
        c.online = true;
        send(c, false, 50, net);
        while (net.length > 0) {
          const e = net.shift();
          if (e) await deliver(e, 'ok', net);
        }
      }
      const [top] = await store.query<{ seq: string }>('SELECT seq::text AS seq FROM sync_counter');
      healed = clients.every((c) => c.outbox.length === 0 && c.cursor === Number(top?.seq));
    }
    expect(healed, 'sync did not quiesce within 60 rounds').toBe(true);

    // The hub's truth, read directly.
    const hubRows = await store.query<{ key: string; fields: Record<string, unknown>; deleted_hlc: string | null }>(
      'SELECT key, fields, deleted_hlc FROM records ORDER BY key',
    );
    const hubState = new Map(hubRows.map((r) => [r.key, r.deleted_hlc === null ? r.fields : 'deleted']));

    // 1. Convergence: every client's rows equal the hub's live rows (its own included, though the hub
    // left most of them out of its pulls as echoes).
    const live = new Map([...hubState].filter(([, v]) => v !== 'deleted'));
    for (const c of clients) expect(new Map(c.local)).toEqual(live);

    // 2. Oracle: delete wins; otherwise per field the accepted put with the greatest stamp.
    const rejected = new Set(clients.flatMap((c) => [...c.rejected.keys()]));
    const oracle = new Map<string, Record<string, unknown> | 'deleted'>();
    for (const key of KEYS) {
      const ms = created.filter((m) => m.key === key && !rejected.has(m.mutationId));
      if (ms.length === 0) continue;
      if (ms.some((m) => m.op === 'delete')) {
        oracle.set(key, 'deleted');
        continue;
      }
      const row: Record<string, unknown> = {};
      const stamps: Record<string, string> = {};
      for (const m of ms) {
        for (const [f, v] of Object.entries(m.value ?? {})) {
          const s = stamps[f];
          if (s === undefined || compareHlc(m.hlc, s) > 0) {
            row[f] = v;
            stamps[f] = m.hlc;
          }
        }
      }
      oracle.set(key, row);
    }
    expect(hubState).toEqual(oracle);

    // 3. Exactly once and 4. per-client order: one changes row per created mutation, seqs contiguous.
    const changes = await store.query<{ mutation_id: string; client_id: string; client_seq: string; reason: string | null; outcome: string }>(
      'SELECT mutation_id, client_id, client_seq::text AS client_seq, reason, outcome FROM changes ORDER BY id',
    );
    expect(changes.map((r) => r.mutation_id).sort()).toEqual(created.map((m) => m.mutationId).sort());
    for (const c of clients) {
      const seqs = changes.filter((r) => r.client_id === c.id).map((r) => Number(r.client_seq));
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    // Nothing refused without a reason.
    for (const r of changes.filter((x) => x.outcome === 'rejected')) expect(r.reason).toBeTruthy();
    const [marked] = await store.query<{ n: string }>('SELECT count(*)::text AS n FROM records WHERE echo_client IS NOT NULL');
    echoRows += Number(marked?.n ?? 0);
  }

  // Shrunk counterexamples, each a named test (seed and path of the run that found it).
  it('R-S1 regression (seed 1732798299): a replica that pulled a delete and then writes the key anew drops its row again, as the hub keeps the tombstone', async () => {
    await scenario(4, [
      { kind: 'write', c: 0, key: 1, field: 0, value: 0 },
      { kind: 'delete', c: 0, key: 1 },
      { kind: 'send', c: 0, skipFirst: false, limit: 2 },
      { kind: 'deliver', pick: 0, mode: 'ok' }, // the put and the delete reach the hub
      { kind: 'send', c: 2, skipFirst: false, limit: 1 },
      { kind: 'deliver', pick: 2, mode: 'ok' }, // client 2 pulls the tombstone, its cursor past it
      { kind: 'write', c: 2, key: 1, field: 0, value: 0 }, // and writes the key as a new row
    ]);
  });

  it('R-S1 regression (seed 1484295410): an edit made after pulling a row stamped by a clock ahead, across a hub restart, wins and every replica shows it', async () => {
    await scenario(2, [
      { kind: 'skew', c: 1, ms: 1 }, // client 1's clock is a millisecond ahead
      { kind: 'send', c: 0, skipFirst: false, limit: 1 },
      { kind: 'write', c: 1, key: 0, field: 0, value: 0 },
      { kind: 'send', c: 0, skipFirst: false, limit: 1 },
      { kind: 'send', c: 1, skipFirst: false, limit: 1 },
      { kind: 'hubRestart' },
      { kind: 'deliver', pick: 0, mode: 'ok' },
      { kind: 'deliver', pick: 3, mode: 'ok' }, // client 1's put reaches the hub
      { kind: 'hubRestart' }, // the hub's clock starts again from the wall clock, behind that stamp
      { kind: 'deliver', pick: 0, mode: 'ok' }, // client 0 pulls the row
      { kind: 'write', c: 0, key: 0, field: 0, value: 1 }, // and edits it
    ]);
  });

  it('R-X1 R-S1 clients converge with the hub and the oracle through drops, duplicates, reordering, skew and hub restarts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }).chain((n) => fc.tuple(fc.constant(n), fc.array(commandArb(n), { maxLength: COMMANDS, size: 'max' }))),
        async ([n, commands]) => scenario(n, commands),
      ),
      { numRuns: RUNS, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false, verbose: 1, ...REPLAY },
    );
    // Over many runs some rows were left out of pulls as echoes (a replay runs one case: it may have none).
    if (!('seed' in REPLAY)) expect(echoRows).toBeGreaterThan(0);
  }, SECONDS * 1000 + 35_000);
});
