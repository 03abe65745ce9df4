/**
 * The hub's domain rules in the merge (shared/sync/merge.ts): passes, cards,
 * card applications and work visits move only along the transition tables of
 * shared/domain (R-P1–R-P4, R-K2–R-K5); hub-assigned numbers are hub-owned;
 * a card audit entry never changes. Issue 3, "Conflicts".
 */
import { describe, expect, it } from 'vitest';
import { CARD_STATES, CARD_TRANSITIONS, type CardState } from '../../../shared/domain/card';
import { PASS_STATES, PASS_TRANSITIONS, type PassState } from '../../../shared/domain/pass';
import { HybridClock } from '../../../shared/sync/hlc';
import { mergeMutation, type MergeInput, type RecordState } from '../../../shared/sync/merge';
import type { SyncTable } from '../../../shared/sync/protocol';
import { T0, card, pass } from './fixtures';

const clock = new HybridClock('desk-a', () => T0);
const put = (table: SyncTable, key: string, value: Record<string, unknown>, hlc = clock.tick()): MergeInput => ({ table, op: 'put', key, value, hlc });

function stored(table: SyncTable, key: string, value: Record<string, unknown>): RecordState {
  const r = mergeMutation(null, put(table, key, value));
  if (r.kind !== 'applied') throw new Error(`fixture row not applied: ${JSON.stringify(r)}`);
  return r.next;
}

describe('pass state machine on the hub (R-P1, R-P2)', () => {
  const pairs = PASS_STATES.flatMap((from) => PASS_STATES.map((to) => [from, to] as [PassState, PassState]));
  it.each(pairs)('issue 3: pass %s → %s follows PASS_TRANSITIONS', (from, to) => {
    const row = stored('passes', 'p1', pass('p1', { state: from, issueId: from === 'issued' ? 'i1' : null }));
    const r = mergeMutation(row, put('passes', 'p1', { state: to }));
    const allowed = from === to || PASS_TRANSITIONS[from].includes(to);
    if (from === to) expect(r).toMatchObject({ kind: 'applied', next: { fields: { state: from } } });
    else if (allowed) expect(r).toMatchObject({ kind: 'applied', next: { fields: { state: to } } });
    else expect(r).toMatchObject({ kind: 'rejected', reason: 'transition', message: `A pass cannot go from ${from} to ${to}` });
  });

  it('issue 3: a retired pass handed out by a desk that was offline is rejected, not revived', () => {
    const row = stored('passes', 'p2', pass('p2', { state: 'retired' }));
    const r = mergeMutation(row, put('passes', 'p2', { state: 'issued', issueId: 'i9' }));
    expect(r).toMatchObject({ kind: 'rejected', reason: 'transition' });
  });

  it('issue 3: two desks handing out the same pass: the second hand-out is rejected', () => {
    const row = stored('passes', 'p3', pass('p3', { state: 'issued', issueId: 'first' }));
    const second = mergeMutation(row, put('passes', 'p3', { state: 'issued', issueId: 'second' }));
    expect(second).toMatchObject({ kind: 'rejected', reason: 'transition', message: 'This pass is already out under another hand-out' });
  });

  it('issue 3: the hub\'s order decides, not the clocks: a return stamped before the hand-out still takes the pass back', () => {
    const slow = new HybridClock('desk-slow', () => T0 - 60_000).tick();
    const row = stored('passes', 'p4', pass('p4', { state: 'issued', issueId: 'i4' }));
    const r = mergeMutation(row, put('passes', 'p4', { state: 'returned', issueId: null }, slow));
    expect(r).toMatchObject({ kind: 'applied', next: { fields: { state: 'returned', issueId: null } } });
    // Re-stamped above the hand-out, so replicas merging by max-HLC agree.
    if (r.kind === 'applied') expect((r.next.fieldHlc.state ?? '') > (row.fieldHlc.state ?? '')).toBe(true);
    // And a disallowed change is refused even when its clock is behind: its other fields never land.
    const retired = stored('passes', 'p5', pass('p5', { state: 'retired' }));
    expect(mergeMutation(retired, put('passes', 'p5', { state: 'issued', issueId: 'i5' }, slow))).toMatchObject({ kind: 'rejected', reason: 'transition' });
  });
});

describe('card state machine on the hub (R-K3, R-K4)', () => {
  const pairs = CARD_STATES.flatMap((from) => CARD_STATES.map((to) => [from, to] as [CardState, CardState]));
  it.each(pairs)('issue 3: card %s → %s follows CARD_TRANSITIONS', (from, to) => {
    const row = stored('cards', 'c1', card('c1', { state: from }));
    const r = mergeMutation(row, put('cards', 'c1', { state: to }));
    if (from === to) expect(r).toMatchObject({ kind: 'applied', next: { fields: { state: from } } });
    else if (CARD_TRANSITIONS[from].includes(to)) expect(r).toMatchObject({ kind: 'applied', next: { fields: { state: to } } });
    else expect(r).toMatchObject({ kind: 'rejected', reason: 'transition', message: `A card cannot go from ${from} to ${to}` });
  });

  it('issue 3: a revoked card stays revoked when an offline desk uploads it again', () => {
    const row = stored('cards', 'c2', card('c2', { state: 'revoked' }));
    expect(mergeMutation(row, put('cards', 'c2', { state: 'uploaded', uploadedAt: new Date(T0).toISOString() }))).toMatchObject({
      kind: 'rejected',
      reason: 'transition',
    });
  });

  it('issue 3: a card application made once cannot be withdrawn afterwards', () => {
    const app = { id: 'a1', state: 'made' };
    const row: RecordState = { fields: app, fieldHlc: { id: clock.tick(), state: clock.tick() }, deletedHlc: null };
    expect(mergeMutation(row, put('cardApplications', 'a1', { state: 'withdrawn' }))).toMatchObject({ kind: 'rejected', reason: 'transition' });
  });

  it('issue 3: a work visit that is done does not go back into the room', () => {
    const row: RecordState = { fields: { id: 'w1', state: 'done' }, fieldHlc: { id: clock.tick(), state: clock.tick() }, deletedHlc: null };
    expect(mergeMutation(row, put('workVisits', 'w1', { state: 'inRoom' }))).toMatchObject({ kind: 'rejected', reason: 'transition' });
  });
});

describe('hub-owned numbers and the append-only card audit', () => {
  it('issue 3: once final, a card number is not overwritten by a client (a stale provisional one is ignored)', () => {
    const row = stored('cards', 'c3', card('c3', { number: 'KA-2026-00007', numberFinal: true }));
    const r = mergeMutation(row, put('cards', 'c3', { number: 'P-12345678', numberFinal: false, areas: 'B1' }));
    expect(r).toMatchObject({ kind: 'applied', next: { fields: { number: 'KA-2026-00007', numberFinal: true, areas: 'B1' } } });
    expect(mergeMutation(row, put('cards', 'c3', { number: 'P-12345678' })).kind).toBe('superseded');
  });

  it('issue 3: a handover sheet keeps the final number the hub gave it', () => {
    const sheet = { id: 's1', finalNumber: 'PS-2026-00001' };
    const row: RecordState = { fields: sheet, fieldHlc: { id: clock.tick(), finalNumber: clock.tick() }, deletedHlc: null };
    expect(mergeMutation(row, put('handoverSheets', 's1', { finalNumber: null })).kind).toBe('superseded');
  });

  it('R-K5 a card audit entry cannot be changed once written', () => {
    const entry = {
      id: 'e1',
      chain: 'desk-a',
      seq: 1,
      at: new Date(T0).toISOString(),
      actor: 'desk',
      action: 'card.made',
      entity: 'card',
      entityId: 'c1',
      detail: 'x',
      prevHash: '0'.repeat(64),
      hash: 'a'.repeat(64),
    };
    const row = stored('cardAudit', 'e1', entry);
    expect(mergeMutation(row, put('cardAudit', 'e1', { detail: 'rewritten' }))).toMatchObject({ kind: 'rejected', reason: 'forbidden' });
    // Re-sending the same entry (a re-keyed client) is not an edit: its values stay as they were.
    expect(mergeMutation(row, put('cardAudit', 'e1', entry))).toMatchObject({ kind: 'applied', next: { fields: entry } });
  });
});
