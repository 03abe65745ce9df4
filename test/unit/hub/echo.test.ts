/**
 * The echo mark (electron/hub/echo.ts): which client's replica is certain to
 * hold a row exactly, so its pulls may leave the row out (issue 3: a kiosk
 * back online must not pull its 10,000 sign-ins back). Every case where the
 * writer's replica could differ from the hub's row must clear the mark.
 */
import { describe, expect, it } from 'vitest';
import { echoAfter } from '../../../electron/hub/echo';
import { mergeMutation, type RecordState } from '../../../shared/sync/merge';
import type { Mutation } from '../../../shared/sync/protocol';
import { visit } from './fixtures';

const H = (n: number, node = 'kiosk'): string => `${String(1_800_000_000_000 + n).padStart(15, '0')}-00000-${node}`;
const put = (value: Record<string, unknown>, n: number, local?: Mutation['local']): Mutation => ({
  clientSeq: n,
  mutationId: `m${n}`,
  table: 'visits',
  op: 'put',
  key: 'v1',
  value,
  hlc: H(n),
  ...(local ? { local } : {}),
});
const merged = (before: RecordState | null, m: Mutation): RecordState => {
  const r = mergeMutation(before, m);
  if (r.kind !== 'applied') throw new Error(`not applied: ${r.kind}`);
  return r.next;
};
const row = { ...visit('v1') } as Record<string, unknown>;

describe('echo mark (R-X1)', () => {
  it('R-X1 a new row taken whole marks its writer; with the local-only fields (terms, day) left aside', () => {
    const m = put({ ...row, terms: ['a'], day: '2026-11-22' }, 1, 'new');
    expect(echoAfter('kiosk', null, m, merged(null, m))).toBe('kiosk');
  });

  it('R-X1 a change laid over a row the writer is known to hold keeps the mark; over anyone else\'s it does not', () => {
    const first = put(row, 1, 'new');
    const before = merged(null, first);
    const change = put({ id: 'v1', surveyScore: 5 }, 2, 'overlay');
    expect(echoAfter('kiosk', { fields: before.fields, echo: 'kiosk' }, change, merged(before, change))).toBe('kiosk');
    expect(echoAfter('kiosk', { fields: before.fields, echo: 'desk' }, change, merged(before, change))).toBeNull();
    expect(echoAfter('kiosk', { fields: before.fields, echo: null }, change, merged(before, change))).toBeNull();
  });

  it('R-X1 no mark when the writer did not say what its row is, or said "new" where the hub already has the row', () => {
    const before = merged(null, put(row, 1, 'new'));
    const unknown = put({ id: 'v1', surveyScore: 5 }, 2);
    expect(echoAfter('kiosk', { fields: before.fields, echo: 'kiosk' }, unknown, merged(before, unknown))).toBeNull();
    const fresh = put(row, 2, 'new');
    expect(echoAfter('kiosk', { fields: before.fields, echo: 'kiosk' }, fresh, merged(before, fresh))).toBeNull();
    // "overlay" onto a row the hub never had (the writer's first version was refused): its replica holds more.
    const partial = put({ id: 'v1', surveyScore: 5 }, 3, 'overlay');
    expect(echoAfter('kiosk', null, partial, { fields: { id: 'v1', surveyScore: 5 }, fieldHlc: {}, deletedHlc: null })).toBeNull();
  });

  it('R-X1 a field the hub kept its own way clears the mark (a signed-out visit stays signed out)', () => {
    const out = merged(null, put({ ...row, state: 'signedOut', signedOutAt: '2026-11-22T10:00:00.000Z' }, 1, 'new'));
    const back = put({ id: 'v1', state: 'onSite' }, 2, 'overlay');
    const next = merged(out, back); // applied (other fields may move), but the state stays signed out
    expect(next.fields.state).toBe('signedOut');
    expect(echoAfter('kiosk', { fields: out.fields, echo: 'kiosk' }, back, next)).toBeNull();
  });

  it('R-X1 a field the hub added (a hub-assigned number) clears the mark', () => {
    const m = put(row, 1, 'new');
    const next = merged(null, m);
    const numbered = { ...next, fields: { ...next.fields, number: 'KA-2026-00001' } };
    expect(echoAfter('kiosk', null, m, numbered)).toBeNull();
  });

  it('R-X1 a delete marks its writer (its replica has dropped the row); a restore marks nobody', () => {
    const before = merged(null, put(row, 1, 'new'));
    const del: Mutation = { ...put(row, 2), op: 'delete', value: null };
    expect(echoAfter('desk', { fields: before.fields, echo: 'kiosk' }, del, merged(before, del))).toBe('desk');
    const restore: Mutation = { ...put(row, 3), op: 'restore', value: null };
    expect(echoAfter('desk', { fields: before.fields, echo: 'desk' }, restore, { ...before, deletedHlc: null })).toBeNull();
  });
});
