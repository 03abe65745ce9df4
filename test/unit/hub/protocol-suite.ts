/**
 * The protocol tests every storage backend must pass (sync.md B.6.3): run by
 * hub-pglite.test.ts against embedded PGlite and by hub-postgres.test.ts
 * against a real PostgreSQL server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { formatHlc } from '../../../shared/sync/hlc';
import { SYNC_SCHEMA_VERSION, type PullResponse, type PushResponse } from '../../../shared/sync/protocol';
import { stampOf } from '../../../shared/sync/stamps';
import type { Hub } from '../../../electron/hub/hub';
import { T0, TestOutbox, appointment, call, card, handoverSheet, pass, staff, tenant, visit } from './fixtures';

export interface SuiteHub {
  hub: Hub;
  cleanup(): Promise<void>;
}

let unique = 0;
const uid = (p: string): string => `${p}-${Date.now().toString(36)}-${(unique += 1)}`;

export async function login(hub: Hub, role: Parameters<Hub['auth']['createUser']>[0]['role']): Promise<string> {
  const username = uid(role);
  await hub.auth.createUser({ username, password: 'correct horse', role });
  const res = await call<{ token: string }>(hub.url, '/v1/login', { username, password: 'correct horse' });
  expect(res.status).toBe(200);
  return res.body.token;
}

export async function enrolKiosk(hub: Hub, deskToken: string): Promise<{ token: string; deviceId: string; code: string }> {
  const code = await call<{ code: string }>(hub.url, '/v1/pairing-codes', {}, deskToken);
  expect(code.status).toBe(200);
  const res = await call<{ token: string; deviceId: string }>(hub.url, '/v1/enrol', { code: code.body.code, deviceName: 'Lobby kiosk' });
  expect(res.status).toBe(200);
  return { ...res.body, code: code.body.code };
}

/** Pulls every page from `cursor` and returns the rows and the final cursor. */
export async function pullAll(hub: Hub, token: string, o: TestOutbox, cursor = 0, limit = 100): Promise<{ rows: PullResponse['changes']; cursor: number; epoch: string }> {
  const rows: PullResponse['changes'] = [];
  let epoch: string | null = hub.epoch();
  for (let round = 0; round < 1000; round += 1) {
    const res: { status: number; body: PullResponse } = await call<PullResponse>(hub.url, '/v1/sync/pull', o.pull(cursor, epoch, limit), token);
    expect(res.status).toBe(200);
    rows.push(...res.body.changes);
    cursor = res.body.nextCursor;
    epoch = res.body.epoch;
    if (!res.body.hasMore) break;
  }
  return { rows, cursor, epoch: epoch ?? '' };
}

export function defineProtocolSuite(name: string, start: () => Promise<SuiteHub>): void {
  describe(`hub protocol over HTTP — ${name}`, () => {
    let s: SuiteHub;
    let desk: string;
    beforeAll(async () => {
      s = await start();
      desk = await login(s.hub, 'receptionist');
    }, 60_000);
    afterAll(async () => {
      await s.cleanup();
    });
    const push = (token: string, body: object) => call<PushResponse>(s.hub.url, '/v1/sync/push', body, token);

    it('R-X1 lost response: a re-sent batch is applied once and acked again', async () => {
      const o = new TestOutbox(uid('c'));
      const [v, a] = [uid('v'), uid('a')];
      const audit = { id: a, at: new Date(T0).toISOString(), actor: 'desk', action: 'signIn', entity: 'visit', entityId: v, detail: '' };
      const batch = o.push([o.put('visits', v, visit(v)), o.put('audit', a, audit)]);
      const first = await push(desk, batch);
      expect(first.body.outcomes.map((x) => x.status)).toEqual(['applied', 'applied']);
      const again = await push(desk, batch);
      expect(again.status).toBe(200);
      expect(again.body.lastClientSeq).toBe(2);
      expect(again.body.outcomes.map((x) => x.status)).toEqual(['duplicate', 'duplicate']);
      const rows = await s.hub.store.query<{ n: string }>('SELECT count(*)::text AS n FROM changes WHERE client_id = $1', [o.clientId]);
      expect(rows[0]?.n).toBe('2');
    });

    it('R-X1 batch gap: a later batch first is refused with expectedSeq, then applies in order', async () => {
      const o = new TestOutbox(uid('c'));
      const k = uid('v');
      const m1 = o.put('visits', k, visit(k, { purpose: 'one' }));
      const m2 = o.put('visits', k, { purpose: 'two' });
      const m3 = o.put('visits', k, { purpose: 'three' });
      const early = await push(desk, o.push([m2, m3]));
      expect(early.body).toMatchObject({ expectedSeq: 1, lastClientSeq: 0, outcomes: [] });
      const ok = await push(desk, o.push([m1, m2, m3]));
      expect(ok.body.outcomes.map((x) => x.status)).toEqual(['applied', 'applied', 'applied']);
      const { rows } = await pullAll(s.hub, desk, o);
      expect(rows.find((r) => r.key === k)?.fields.purpose).toBe('three');
    });

    it('R-X1 poisoned mutation: rejected with a reason and acked; later ones still apply', async () => {
      const o = new TestOutbox(uid('c'));
      const [a, b, c] = [uid('v'), uid('v'), uid('v')];
      const res = await push(desk, o.push([o.put('visits', a, visit(a)), o.put('visits', b, visit(b, { name: '' })), o.put('visits', c, visit(c))]));
      expect(res.body.lastClientSeq).toBe(3);
      expect(res.body.outcomes.map((x) => [x.status, x.reason])).toEqual([
        ['applied', undefined],
        ['rejected', 'validation'],
        ['applied', undefined],
      ]);
      expect(res.body.outcomes[1]?.message).toContain('name');
    });

    it('R-S1 a signed-out visit stays signed out across devices; an unknown transition is rejected', async () => {
      const kiosk = new TestOutbox(uid('k'));
      const consoleO = new TestOutbox(uid('c'));
      const k = uid('v');
      await push(desk, consoleO.push([consoleO.put('visits', k, visit(k))]));
      await push(desk, kiosk.push([kiosk.put('visits', k, { state: 'signedOut', signedOutAt: new Date(T0).toISOString(), signedOutBy: 'k', signOutReason: 'visitor' })]));
      const stale = await push(desk, consoleO.push([consoleO.put('visits', k, visit(k, { purpose: 'edited' }))]));
      expect(stale.body.outcomes[0]?.status).toBe('applied');
      const back = await push(desk, consoleO.push([consoleO.put('visits', k, { state: 'cancelled' })]));
      expect(back.body.outcomes[0]).toMatchObject({ status: 'rejected', reason: 'transition' });
      const { rows } = await pullAll(s.hub, desk, consoleO);
      const row = rows.find((r) => r.key === k);
      expect(row?.fields).toMatchObject({ state: 'signedOut', purpose: 'edited', signOutReason: 'visitor' });
    });

    it('R-S1 edit vs delete: the tombstone sticks, the edit is refused with a reason, and the writer pulls the tombstone again', async () => {
      const a = new TestOutbox(uid('a'));
      const b = new TestOutbox(uid('b'));
      const k = uid('w');
      const entry = { id: k, name: 'X', idNumber: '1', phone: '2', level: 'watch', reason: 'r', addedBy: 'd', active: true, createdAt: new Date(T0).toISOString(), updatedAt: new Date(T0).toISOString() };
      const sup = await login(s.hub, 'supervisor');
      await push(sup, a.push([a.put('watchlist', k, entry)]));
      const staleEdit = a.put('watchlist', k, { reason: 'offline edit' });
      await push(sup, b.push([b.delete('watchlist', k)]));
      const seenByA = await pullAll(s.hub, sup, a);
      expect(seenByA.rows.find((r) => r.key === k)?.deletedHlc).not.toBeNull();
      const late = await push(sup, a.push([staleEdit]));
      expect(late.body.outcomes[0]).toMatchObject({ status: 'rejected', reason: 'notFound' });
      const { rows } = await pullAll(s.hub, sup, b);
      expect(rows.find((r) => r.key === k)?.deletedHlc).not.toBeNull();
      // A had already pulled the delete: the refusal re-announces it past A's cursor, so A drops its copy.
      const again = await pullAll(s.hub, sup, a, seenByA.cursor);
      expect(again.rows.find((r) => r.key === k)?.deletedHlc).not.toBeNull();
    });

    it('R-S1 clock skew: a stamp a year ahead syncs, is clamped, and the skew is reported', async () => {
      const o = new TestOutbox(uid('c'), () => Date.now() + 365 * 86400_000);
      const k = uid('v');
      const res = await push(desk, o.push([o.put('visits', k, visit(k))]));
      expect(res.status).toBe(200);
      expect(res.body.outcomes[0]?.status).toBe('applied');
      expect(res.body.clockSkewMs).toBeGreaterThan(300 * 86400_000);
      const { rows } = await pullAll(s.hub, desk, o);
      const row = rows.find((r) => r.key === k);
      const stamp = (row && stampOf(row.fields, row, 'name')) ?? '';
      expect(stamp < formatHlc({ wall: Date.now() + 120_000, counter: 0, node: '' })).toBe(true);
      // A client 10 minutes behind syncs too.
      const slow = new TestOutbox(uid('c'), () => Date.now() - 600_000);
      const s2 = await push(desk, slow.push([slow.put('visits', uid('v'), visit('tmp'))]));
      expect(s2.body.outcomes[0]).toMatchObject({ status: 'rejected', reason: 'validation' });
    });

    it('R-X1 pull is paged: every row exactly once, hasMore until the end (page size == batch size)', async () => {
      const o = new TestOutbox(uid('c'));
      const keys = Array.from({ length: 6 }, () => uid('v'));
      await push(desk, o.push(keys.map((k) => o.put('visits', k, visit(k)))));
      const all = await pullAll(s.hub, desk, o, 0, 1000);
      const paged = await pullAll(s.hub, desk, o, 0, 3);
      expect(paged.rows.map((r) => r.key)).toEqual(all.rows.map((r) => r.key));
      expect(new Set(paged.rows.map((r) => `${r.table}/${r.key}`)).size).toBe(paged.rows.length);
      for (const k of keys) expect(paged.rows.some((r) => r.key === k)).toBe(true);
      const empty = await call<PullResponse>(s.hub.url, '/v1/sync/pull', o.pull(paged.cursor, paged.epoch), desk);
      expect(empty.body).toMatchObject({ changes: [], hasMore: false, nextCursor: paged.cursor, reset: false });
    });

    it('R-X1 the renderer may call cross-origin (CORS preflight), with bearer tokens only', async () => {
      const pre = await fetch(`${s.hub.url}/v1/sync/push`, { method: 'OPTIONS', headers: { origin: 'app://frontdesk' } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
      const health = await fetch(`${s.hub.url}/v1/health`);
      expect(health.headers.get('access-control-allow-origin')).toBe('*');
    });

    it('R-S1 equal wall clocks: the node id decides, the same on every replica', async () => {
      // Ahead of the row's creation (within the hub's drift allowance), the same for both.
      const wall = Date.now() + 5000;
      const a = new TestOutbox(uid('a'), () => wall);
      const b = new TestOutbox(uid('b'), () => wall);
      const creator = new TestOutbox(uid('c'));
      const k = uid('v');
      await push(desk, creator.push([creator.put('visits', k, visit(k))]));
      const ma = a.put('visits', k, { purpose: 'from a' });
      const mb = b.put('visits', k, { purpose: 'from b' });
      expect(ma.hlc.slice(0, 21)).toBe(mb.hlc.slice(0, 21));
      await push(desk, b.push([mb]));
      await push(desk, a.push([ma]));
      const winner = ma.hlc > mb.hlc ? 'from a' : 'from b';
      const { rows } = await pullAll(s.hub, desk, a);
      expect(rows.find((r) => r.key === k)?.fields.purpose).toBe(winner);
    });

    it('R-S1 field-level merge over the wire: an offline edit of one field and an online edit of another both survive', async () => {
      const a = new TestOutbox(uid('a'));
      const b = new TestOutbox(uid('b'));
      const k = uid('v');
      await push(desk, a.push([a.put('visits', k, visit(k))]));
      const offline = a.put('visits', k, { purpose: 'offline edit' });
      await push(desk, b.push([b.put('visits', k, { company: 'online edit' })]));
      await push(desk, a.push([offline]));
      const { rows } = await pullAll(s.hub, desk, b);
      expect(rows.find((r) => r.key === k)?.fields).toMatchObject({ purpose: 'offline edit', company: 'online edit' });
    });

    it('R-X1 schema version: an older client is told to update (426), a newer one that the hub is old', async () => {
      const o = new TestOutbox(uid('c'));
      const old = await call(s.hub.url, '/v1/sync/push', { ...o.push([]), schemaVersion: SYNC_SCHEMA_VERSION - 1 }, desk);
      expect(old).toMatchObject({ status: 426, body: { code: 'clientUpdateRequired', hubSchemaVersion: SYNC_SCHEMA_VERSION } });
      const oldShape = await call(s.hub.url, '/v1/sync/push', { schemaVersion: 0, changes: 'an older message shape' }, desk);
      expect(oldShape).toMatchObject({ status: 426, body: { code: 'clientUpdateRequired' } });
      const newer = await call(s.hub.url, '/v1/sync/pull', { ...o.pull(0, null), schemaVersion: 99 }, desk);
      expect(newer).toMatchObject({ status: 409, body: { code: 'hubUpdateRequired' } });
    });

    it('R-X1 kiosk scope: no staff phone fields, today only, never the register, only its own sign-ins', async () => {
      const admin = await login(s.hub, 'admin');
      const o = new TestOutbox(uid('admin'));
      const [st, today, tomorrow, deskVisit] = [uid('s'), uid('ap'), uid('ap'), uid('v')];
      const todays = appointment(today, Date.now());
      await push(admin, o.push([
        o.put('staff', st, staff(st)),
        o.put('appointments', today, todays),
        o.put('appointments', tomorrow, appointment(tomorrow, Date.now() + 3 * 86400_000)),
        o.put('visits', deskVisit, visit(deskVisit)),
      ]));
      const kiosk = await enrolKiosk(s.hub, desk);
      const ko = new TestOutbox(uid('kiosk'));
      const { rows } = await pullAll(s.hub, kiosk.token, ko);
      const staffRow = rows.find((r) => r.key === st);
      expect(staffRow?.fields).toMatchObject({ name: '张三', dept: 'IT' });
      for (const f of ['mobile', 'ext', 'email']) {
        expect(staffRow?.fields).not.toHaveProperty(f);
        expect(staffRow?.fieldHlc).not.toHaveProperty(f);
      }
      expect(rows.some((r) => r.key === today)).toBe(true);
      // Another day's appointment reaches a kiosk only as a bare tombstone: no name, no phone.
      expect(rows.filter((r) => r.key === tomorrow)).toEqual([expect.objectContaining({ fields: {}, fieldHlc: {}, deletedHlc: expect.any(String) })]);
      expect(rows.some((r) => r.table === 'visits' || r.table === 'audit')).toBe(false);
      // The deny list is matched at the kiosk (R-V7), but its reasons never leave the desk.
      for (const w of rows.filter((r) => r.table === 'watchlist')) expect(w.fields).not.toHaveProperty('reason');

      const own = uid('v');
      const res = await push(kiosk.token, ko.push([
        ko.put('visits', own, visit(own)),
        ko.put('visits', own, { state: 'signedOut', signedOutAt: new Date().toISOString(), signedOutBy: 'kiosk', signOutReason: 'visitor' }),
        ko.put('visits', own, { surveyScore: 5 }),
        ko.put('appointments', today, { ...todays, visitId: own, updatedAt: new Date().toISOString() }),
        ko.put('visits', deskVisit, { state: 'signedOut' }),
        ko.put('watchlist', uid('w'), { reason: 'x' }),
        ko.put('appointments', today, { phone: '1' }),
        ko.delete('visits', own),
      ]));
      expect(res.body.outcomes.map((x) => x.reason ?? x.status)).toEqual([
        'applied', 'applied', 'applied', 'applied', 'forbidden', 'forbidden', 'forbidden', 'forbidden',
      ]);
    });

    it('R-X1 pairing code is single use; a revoked device token is refused; a client id is bound to its owner', async () => {
      const kiosk = await enrolKiosk(s.hub, desk);
      const reuse = await call(s.hub.url, '/v1/enrol', { code: kiosk.code, deviceName: 'thief' });
      expect(reuse).toMatchObject({ status: 400, body: { code: 'pairingInvalid' } });
      const asKiosk = await call(s.hub.url, '/v1/pairing-codes', {}, kiosk.token);
      expect(asKiosk.status).toBe(403);

      const ko = new TestOutbox(uid('kiosk'));
      expect((await call(s.hub.url, '/v1/sync/pull', ko.pull(0, null), kiosk.token)).status).toBe(200);
      const other = await call(s.hub.url, '/v1/sync/pull', ko.pull(0, null), desk);
      expect(other).toMatchObject({ status: 403, body: { code: 'forbidden' } });

      const sup = await login(s.hub, 'supervisor');
      expect((await call(s.hub.url, '/v1/devices/revoke', { deviceId: kiosk.deviceId }, desk)).status).toBe(403);
      expect((await call(s.hub.url, '/v1/devices/revoke', { deviceId: kiosk.deviceId }, sup)).status).toBe(200);
      const after = await call(s.hub.url, '/v1/sync/pull', ko.pull(0, null), kiosk.token);
      expect(after).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
      expect((await call(s.hub.url, '/v1/sync/pull', ko.pull(0, null))).status).toBe(401);
    });

    it('R-X1 passwords: scrypt with per-user salt; wrong password and unknown user look the same', async () => {
      await s.hub.auth.createUser({ username: 'twin-a', password: 'same', role: 'guard' });
      await s.hub.auth.createUser({ username: 'twin-b', password: 'same', role: 'guard' });
      const rows = await s.hub.store.query<{ salt: string; password_hash: string }>(`SELECT salt, password_hash FROM users WHERE username LIKE 'twin-%'`);
      expect(rows).toHaveLength(2);
      expect(rows[0]?.salt).not.toBe(rows[1]?.salt);
      expect(rows[0]?.password_hash).not.toBe(rows[1]?.password_hash);
      expect(rows[0]?.password_hash).not.toContain('same');
      const wrong = await call(s.hub.url, '/v1/login', { username: 'twin-a', password: 'nope' });
      const unknown = await call(s.hub.url, '/v1/login', { username: 'nobody', password: 'nope' });
      expect(wrong).toEqual(unknown);
      expect(wrong.status).toBe(401);
      const admin = await login(s.hub, 'admin');
      const made = await call(s.hub.url, '/v1/users', { username: uid('g'), password: 'long enough', role: 'guard' }, admin);
      expect(made.status).toBe(200);
      const byDesk = await call(s.hub.url, '/v1/users', { username: uid('g'), password: 'long enough', role: 'admin' }, desk);
      expect(byDesk.status).toBe(403);
      const kioskRole = await call(s.hub.url, '/v1/users', { username: uid('g'), password: 'long enough', role: 'kiosk' }, admin);
      expect(kioskRole.status).toBe(400);
      const ok = await call<{ token: string }>(s.hub.url, '/v1/login', { username: 'twin-a', password: 'same' });
      expect(ok.status).toBe(200);
      await call(s.hub.url, '/v1/logout', {}, ok.body.token);
      expect((await call(s.hub.url, '/v1/sync/pull', new TestOutbox('x').pull(0, null), ok.body.token)).status).toBe(401);
    });

    it('R-X1 business numbers are sequential, and a retried request gets the same number', async () => {
      const first = await call<{ value: number; label: string }>(s.hub.url, '/v1/numbers', { kind: 'complaint', requestId: uid('r') }, desk);
      const retryId = uid('r');
      const second = await call<{ value: number }>(s.hub.url, '/v1/numbers', { kind: 'complaint', requestId: retryId }, desk);
      const retry = await call<{ value: number }>(s.hub.url, '/v1/numbers', { kind: 'complaint', requestId: retryId }, desk);
      expect(second.body.value).toBe(first.body.value + 1);
      expect(retry.body.value).toBe(second.body.value);
      expect(first.body.label).toMatch(/^TS-\d{4}-\d{5}$/);
      const kiosk = await enrolKiosk(s.hub, desk);
      expect((await call(s.hub.url, '/v1/numbers', { kind: 'card', requestId: uid('r') }, kiosk.token)).status).toBe(403);
    });

    it('issue 3: a disallowed pass transition is rejected with a reason, and the row comes back on pull as the hub holds it', async () => {
      const a = new TestOutbox(uid('desk-a'));
      const b = new TestOutbox(uid('desk-b'));
      const k = uid('pass');
      await push(desk, a.push([a.put('passes', k, pass(k))]));
      const seen = await pullAll(s.hub, desk, b);
      // Desk A retires the pass; desk B, offline since, hands it out.
      expect((await push(desk, a.push([a.put('passes', k, { state: 'retired', updatedAt: new Date(T0).toISOString() })]))).body.outcomes[0]?.status).toBe('applied');
      const out = await push(desk, b.push([b.put('passes', k, { state: 'issued', issueId: 'i-1' })]));
      expect(out.body.outcomes[0]).toMatchObject({ status: 'rejected', reason: 'transition', message: 'A pass cannot go from retired to issued' });
      expect(out.body.lastClientSeq).toBe(1);
      const after = await pullAll(s.hub, desk, b, seen.cursor);
      expect(after.rows.filter((r) => r.key === k).at(-1)?.fields).toMatchObject({ state: 'retired', issueId: null });
    });

    it('issue 3: a revoked card is not made live again by an offline desk (card state machine on the hub)', async () => {
      const a = new TestOutbox(uid('desk-a'));
      const k = uid('card');
      const res = await push(desk, a.push([
        a.put('cards', k, card(k)),
        a.put('cards', k, { state: 'revokeRequested' }),
        a.put('cards', k, { state: 'uploaded' }),
        a.put('cards', k, { state: 'revokeMailed' }),
      ]));
      expect(res.body.outcomes.map((o) => o.reason ?? o.status)).toEqual(['applied', 'applied', 'transition', 'applied']);
    });

    it('issue 3: cards created offline get sequential final numbers from the hub; a re-sent push keeps its number', async () => {
      const o = new TestOutbox(uid('desk'));
      const [c1, c2] = [uid('card'), uid('card')];
      const batch = o.push([o.put('cards', c1, card(c1)), o.put('cards', c2, card(c2))]);
      expect((await push(desk, batch)).body.outcomes.map((x) => x.status)).toEqual(['applied', 'applied']);
      const { rows } = await pullAll(s.hub, desk, new TestOutbox(uid('reader')));
      const byKey = new Map(rows.map((r) => [r.key, r]));
      const n1 = byKey.get(c1)?.fields;
      const n2 = byKey.get(c2)?.fields;
      expect(n1).toMatchObject({ numberFinal: true, number: expect.stringMatching(/^KA-\d{4}-\d{5}$/) });
      expect(n2).toMatchObject({ numberFinal: true });
      const value = (f: Record<string, unknown> | undefined): number => Number(String(f?.number).slice(-5));
      expect(value(n2)).toBe(value(n1) + 1);
      // The hub stamped the number above the client's write, so every replica keeps it.
      const r1 = byKey.get(c1);
      expect(r1 && stampOf(r1.fields, r1, 'number')).toMatch(/hub$/);
      // The same batch again (a lost answer), and the same row from another desk: still one number each.
      expect((await push(desk, batch)).body.outcomes.map((x) => x.status)).toEqual(['duplicate', 'duplicate']);
      const other = new TestOutbox(uid('desk'));
      await push(desk, other.push([other.put('cards', c1, { number: 'P-00000000', numberFinal: false, areas: 'C9' })]));
      const again = await pullAll(s.hub, desk, new TestOutbox(uid('reader')));
      expect(again.rows.find((r) => r.key === c1)?.fields).toMatchObject({ number: n1?.number, numberFinal: true, areas: 'C9' });
      const counted = await s.hub.store.query<{ n: unknown }>(`SELECT count(*) AS n FROM number_assignments WHERE request_id IN ($1, $2)`, [`row:cards:${c1}`, `row:cards:${c2}`]);
      expect(Number(counted[0]?.n)).toBe(2);
    });

    it('issue 3: a handover sheet gets its final register number; the guard countersigns but cannot create one', async () => {
      const o = new TestOutbox(uid('desk'));
      const k = uid('sheet');
      await push(desk, o.push([o.put('handoverSheets', k, handoverSheet(k))]));
      const guard = await login(s.hub, 'guard');
      const g = new TestOutbox(uid('guard'));
      const { rows } = await pullAll(s.hub, guard, g);
      const sheet = rows.find((r) => r.key === k)?.fields;
      expect(sheet).toMatchObject({ finalNumber: expect.stringMatching(/^PS-\d{4}-\d{5}$/) });
      expect(sheet?.number).toMatch(/^临-/);
      const sign = await push(guard, g.push([g.put('handoverSheets', k, { guardName: '吴十', guardSignature: 'data:image/png;base64,CCCC' })]));
      expect(sign.body.outcomes[0]?.status).toBe('applied');
      const k2 = uid('sheet');
      const create = await push(guard, g.push([g.put('handoverSheets', k2, handoverSheet(k2))]));
      expect(create.body.outcomes[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' });
    });

    it('issue 3 / R-S1 scopes of the desk tables: the kiosk gets none; sales gets cards, never calls or passes; the guard reads passes', async () => {
      const o = new TestOutbox(uid('desk'));
      const [p, c, t, callId] = [uid('pass'), uid('card'), uid('tenant'), uid('call')];
      await push(desk, o.push([o.put('passes', p, pass(p)), o.put('cards', c, card(c)), o.put('tenants', t, tenant(t))]));
      const kiosk = await enrolKiosk(s.hub, desk);
      const ko = new TestOutbox(uid('kiosk'));
      const kioskRows = (await pullAll(s.hub, kiosk.token, ko)).rows;
      expect(kioskRows.filter((r) => !['staff', 'watchlist', 'appointments', 'visits'].includes(r.table))).toEqual([]);
      const kioskWrite = await push(kiosk.token, ko.push([ko.put('passes', uid('pass'), pass('x')), ko.put('calls', callId, { id: callId })]));
      expect(kioskWrite.body.outcomes.map((x) => x.reason)).toEqual(['forbidden', 'forbidden']);

      const sales = await login(s.hub, 'sales');
      const so = new TestOutbox(uid('sales'));
      const salesTables = new Set((await pullAll(s.hub, sales, so)).rows.map((r) => r.table));
      expect(salesTables.has('cards')).toBe(true);
      for (const never of ['passes', 'tenants', 'calls', 'handoverSheets', 'visits'] as const) expect(salesTables.has(never)).toBe(false);
      const salesWrite = await push(sales, so.push([so.put('cards', c, { state: 'revokeRequested' }), so.put('tenants', t, { unit: 'X' })]));
      expect(salesWrite.body.outcomes.map((x) => x.reason ?? x.status)).toEqual(['applied', 'forbidden']);

      const guard = await login(s.hub, 'guard');
      const gRows = (await pullAll(s.hub, guard, new TestOutbox(uid('guard')))).rows;
      expect(gRows.some((r) => r.table === 'passes' && r.key === p)).toBe(true);
      expect(gRows.some((r) => r.table === 'tenants')).toBe(false);
      // The guard may check a card's holder, not the holder's ID number or phone.
      const gCard = gRows.find((r) => r.key === c)?.fields;
      expect(gCard).toMatchObject({ holderName: '赵六' });
      expect(gCard).not.toHaveProperty('idNumber');
      expect(gCard).not.toHaveProperty('phone');
    });

    it('R-X1 a push pokes connected WebSocket clients; a socket without a token is refused', async () => {
      const ws = new WebSocket(`${s.hub.url.replace('http', 'ws')}/v1/poke?token=${encodeURIComponent(desk)}`);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const poked = new Promise<string>((resolve) => ws.once('message', (d) => resolve(String(d))));
      const o = new TestOutbox(uid('c'));
      const k = uid('v');
      await push(desk, o.push([o.put('visits', k, visit(k))]));
      expect(JSON.parse(await poked)).toMatchObject({ type: 'poke' });
      ws.close();
      const anon = new WebSocket(`${s.hub.url.replace('http', 'ws')}/v1/poke`);
      const refused = await new Promise<boolean>((resolve) => {
        anon.once('open', () => resolve(false));
        anon.once('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    });
  });
}
