import { describe, expect, it } from 'vitest';
import { HybridClock, clampHlc, compareHlc, formatHlc, parseHlc } from '../../../shared/sync/hlc';
import { mergeMutation, reachable, type RecordState } from '../../../shared/sync/merge';
import { OutboxRowError, outboxToMutation } from '../../../shared/sync/outbox';
import { pushRequestSchema } from '../../../shared/sync/protocol';
import { T0, TestOutbox, visit } from './fixtures';

const stamp = (wall: number, node: string, counter = 0): string => formatHlc({ wall, counter, node });

function applied(r: ReturnType<typeof mergeMutation>): RecordState {
  if (r.kind !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(r)}`);
  return r.next;
}

describe('HLC (R-S1)', () => {
  it('R-S1 stamps are monotonic even when the wall clock goes backwards', () => {
    let now = T0;
    const c = new HybridClock('a', () => now);
    const a = c.tick();
    now -= 60_000;
    const b = c.tick();
    expect(compareHlc(b, a)).toBeGreaterThan(0);
    c.receive(stamp(T0 + 5000, 'z', 7));
    expect(compareHlc(c.tick(), stamp(T0 + 5000, 'z', 7))).toBeGreaterThan(0);
  });

  it('R-S1 equal wall clocks are ordered by node id, the same everywhere', () => {
    const a = stamp(T0, 'clientA');
    const b = stamp(T0, 'clientB');
    expect(compareHlc(a, b)).toBeLessThan(0);
    expect([b, a].sort()).toEqual([a, b]);
  });

  it('R-S1 far-future stamps are clamped, never refused; past stamps are kept', () => {
    const future = stamp(T0 + 365 * 86400_000, 'k');
    const clamped = clampHlc(future, T0, 60_000);
    expect(parseHlc(clamped).wall).toBe(T0 + 60_000);
    const past = stamp(T0 - 600_000, 'k');
    expect(clampHlc(past, T0, 60_000)).toBe(past);
  });

  it('R-S1 protocol schema refuses a malformed stamp', () => {
    const o = new TestOutbox('c1');
    const bad = { ...o.push([o.put('visits', 'v1', visit('v1'))]), hlc: 'yesterday' };
    expect(pushRequestSchema.safeParse(bad).success).toBe(false);
    expect(pushRequestSchema.safeParse(o.push([])).success).toBe(true);
  });
});

describe('merge (R-S1)', () => {
  const base = (): RecordState => applied(mergeMutation(null, { table: 'visits', op: 'put', key: 'v1', value: visit('v1'), hlc: stamp(T0, 'a') }));

  it('R-S1 field-level merge: concurrent edits of different fields both survive', () => {
    let row = base();
    row = applied(mergeMutation(row, { table: 'visits', op: 'put', key: 'v1', value: { purpose: 'audit' }, hlc: stamp(T0 + 10, 'a') }));
    row = applied(mergeMutation(row, { table: 'visits', op: 'put', key: 'v1', value: { company: 'Beta' }, hlc: stamp(T0 + 5, 'b') }));
    expect(row.fields.purpose).toBe('audit');
    expect(row.fields.company).toBe('Beta');
    // The older write to the same field loses.
    const stale = mergeMutation(row, { table: 'visits', op: 'put', key: 'v1', value: { purpose: 'old' }, hlc: stamp(T0 + 1, 'c') });
    expect(stale.kind).toBe('superseded');
  });

  it('R-S1 a delete beats a stale (or later) edit, which is refused with a reason; an explicit restore brings it back', () => {
    let row = applied(mergeMutation(base(), { table: 'visits', op: 'delete', key: 'v1', value: null, hlc: stamp(T0 + 10, 'b') }));
    expect(mergeMutation(row, { table: 'visits', op: 'put', key: 'v1', value: { purpose: 'x' }, hlc: stamp(T0 + 5, 'a') })).toMatchObject({ kind: 'rejected', reason: 'notFound' });
    expect(mergeMutation(row, { table: 'visits', op: 'put', key: 'v1', value: { purpose: 'x' }, hlc: stamp(T0 + 50, 'a') })).toMatchObject({ kind: 'rejected', reason: 'notFound' });
    row = applied(mergeMutation(row, { table: 'visits', op: 'restore', key: 'v1', value: null, hlc: stamp(T0 + 60, 'a') }));
    expect(row.deletedHlc).toBeNull();
  });

  it('R-S1 a signed-out visit stays signed out, even against a newer stale edit', () => {
    let row = base();
    row = applied(
      mergeMutation(row, {
        table: 'visits',
        op: 'put',
        key: 'v1',
        value: { state: 'signedOut', signedOutAt: new Date(T0 + 100).toISOString(), signedOutBy: 'kiosk', signOutReason: 'visitor' },
        hlc: stamp(T0 + 100, 'kiosk'),
      }),
    );
    // The console, unaware, re-sends the whole row (state onSite) with a newer clock.
    const r = mergeMutation(row, { table: 'visits', op: 'put', key: 'v1', value: visit('v1', { escortRequired: false }), hlc: stamp(T0 + 200, 'console') });
    const next = applied(r);
    expect(next.fields.state).toBe('signedOut');
    expect(next.fields.signedOutBy).toBe('kiosk');
    expect(next.fields.escortRequired).toBe(false);
    // The kept state is re-stamped above the stale write, so max-HLC replicas converge on it.
    expect(compareHlc(next.fieldHlc.state ?? '', stamp(T0 + 200, 'console'))).toBeGreaterThan(0);
  });

  it('R-S1 a later sign-out wins over an onSite edit stamped after it (state machine beats clock)', () => {
    let row = base();
    row = applied(mergeMutation(row, { table: 'visits', op: 'put', key: 'v1', value: { purpose: 'x', state: 'onSite' }, hlc: stamp(T0 + 300, 'console') }));
    row = applied(mergeMutation(row, { table: 'visits', op: 'put', key: 'v1', value: { state: 'signedOut', signedOutAt: new Date(T0).toISOString(), signOutReason: 'visitor', signedOutBy: 'k' }, hlc: stamp(T0 + 100, 'kiosk') }));
    expect(row.fields.state).toBe('signedOut');
  });

  it('R-S1 unknown transitions are rejected with a reason', () => {
    const cancelled = applied(mergeMutation(null, { table: 'visits', op: 'put', key: 'v2', value: visit('v2', { state: 'cancelled' }), hlc: stamp(T0, 'a') }));
    const r = mergeMutation(cancelled, { table: 'visits', op: 'put', key: 'v2', value: { state: 'onSite' }, hlc: stamp(T0 + 1, 'b') });
    expect(r).toMatchObject({ kind: 'rejected', reason: 'transition' });
    expect(reachable('expected', 'signedOut')).toBe(true);
    expect(reachable('signedOut', 'onSite')).toBe(false);
  });

  it('R-S1 invalid rows and unknown fields are rejected, local-only fields ignored', () => {
    expect(mergeMutation(null, { table: 'visits', op: 'put', key: 'v3', value: { ...visit('v3'), name: '' }, hlc: stamp(T0, 'a') })).toMatchObject({ kind: 'rejected', reason: 'validation' });
    expect(mergeMutation(null, { table: 'visits', op: 'put', key: 'v3', value: { ...visit('v3'), hack: 1 }, hlc: stamp(T0, 'a') })).toMatchObject({ kind: 'rejected', reason: 'validation' });
    const ok = applied(mergeMutation(null, { table: 'visits', op: 'put', key: 'v3', value: { ...visit('v3'), terms: ['x'], day: '2026-11-22' }, hlc: stamp(T0, 'a') }));
    expect(ok.fields).not.toHaveProperty('terms');
  });

  it('R-S1 merging is idempotent: the same mutation twice changes nothing the second time', () => {
    const m = { table: 'visits' as const, op: 'put' as const, key: 'v1', value: { purpose: 'p' }, hlc: stamp(T0 + 9, 'a') };
    const once = applied(mergeMutation(base(), m));
    expect(mergeMutation(once, m).kind).toBe('superseded');
  });
});

describe('outbox rows to mutations (R-X1)', () => {
  it('R-X1 a renderer outbox row becomes a wire mutation stamped by its write time and seq', () => {
    const row = { seq: 7, mutationId: 'm7', table: 'visits' as const, op: 'put' as const, key: 'v1', value: visit('v1'), at: new Date(T0).toISOString() };
    const m = outboxToMutation(row, 'client-1');
    expect(m).toMatchObject({ clientSeq: 7, mutationId: 'm7', table: 'visits', op: 'put', key: 'v1' });
    expect(parseHlc(m.hlc)).toEqual({ wall: T0, counter: 7, node: 'client-1' });
    expect(compareHlc(outboxToMutation({ ...row, seq: 8 }, 'client-1').hlc, m.hlc)).toBeGreaterThan(0);
    expect(outboxToMutation({ ...row, op: 'delete', value: null }, 'client-1').value).toBeNull();
    expect(() => outboxToMutation({ ...row, seq: undefined }, 'c')).toThrow(OutboxRowError);
  });
});
