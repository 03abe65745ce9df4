/**
 * The client half of the merge rule (sync.md B.5.4) and the retry schedule,
 * without a hub: pulled pages against pending outbox rows, stale pages,
 * tombstones; back-off bounds with an injected random source.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../shared/sync/protocol';
import { commit } from '../../../renderer/db/commit';
import { FrontdeskDb, type VisitRow } from '../../../renderer/db/schema';
import { applyPage } from '../../../renderer/sync/apply-page';
import { Backoff } from '../../../renderer/sync/backoff';
import { META, readMeta } from '../../../renderer/sync/sync-meta';
import { visit } from '../hub/fixtures';

const H = (n: number): string => `${String(1_800_000_000_000 + n).padStart(15, '0')}-00000-hub`;
const page = (over: Partial<PullResponse>): PullResponse => ({ epoch: 'e1', reset: false, changes: [], nextCursor: 1, hasMore: false, hubHlc: H(0), ...over });
let n = 0;
const fresh = (): FrontdeskDb => new FrontdeskDb(`apply-${(n += 1)}-${Date.now()}`);

describe('applying pulled pages', () => {
  it('R-S1 field-wise max by HLC: a newer pending local edit is not overwritten, a newer hub field is taken; the cursor moves with the page', async () => {
    const database = fresh();
    const row: VisitRow = { ...visit('v1'), terms: [], day: '2026-11-22' };
    await commit('李娜', (w) => w.put('visits', row), database);
    await commit('李娜', (w) => w.put('visits', { ...row, company: 'Local Co' }), database);
    const hubFields = { ...visit('v1'), company: 'Hub Co', purpose: 'audit' };
    // The hub's purpose is newer than anything written here; its company is older than our pending edit.
    const fieldHlc = { purpose: H(1), company: '000000000000001-00000-hub' };
    const applied = await applyPage(database, page({ changes: [{ table: 'visits', key: 'v1', seq: 1, fields: hubFields, fieldHlc, deletedHlc: null }] }), 0, 'receptionist');
    expect(applied).toBe(true);
    const local = await database.visits.get('v1');
    expect(local?.company).toBe('Local Co');
    expect(local?.purpose).toBe('audit');
    expect(local?.terms.length).toBeGreaterThan(0); // local-only search terms rebuilt
    expect(await readMeta(database.meta, META.cursor)).toBe('1');
  });

  it('R-S1 a tombstone wins over a pending edit; a stale page (old cursor) is ignored', async () => {
    const database = fresh();
    await commit('李娜', (w) => w.put('visits', { ...visit('v2'), terms: [], day: '2026-11-22' }), database);
    await applyPage(database, page({ nextCursor: 5, changes: [{ table: 'visits', key: 'v2', seq: 5, fields: {}, fieldHlc: {}, deletedHlc: H(5) }] }), 0, 'receptionist');
    expect(await database.visits.get('v2')).toBeUndefined();
    expect(await database.outbox.count()).toBe(1); // the outbox is the hub's to settle (superseded)
    const stale = await applyPage(database, page({ nextCursor: 3 }), 0, 'receptionist');
    expect(stale).toBe(false);
    expect(await readMeta(database.meta, META.cursor)).toBe('5');
  });

  it('R-X1 reset clears the readable tables but keeps the outbox and rows with pending changes', async () => {
    const database = fresh();
    await database.staff.put({ id: 's-old', name: 'x', nameEn: 'x', pinyin: 'x', initials: 'x', dept: 'd', deptEn: 'd', ext: '1', mobile: '1', email: 'e', updatedAt: new Date().toISOString() });
    await commit('李娜', (w) => w.put('visits', { ...visit('v3'), terms: [], day: '2026-11-22' }), database);
    await applyPage(database, page({ epoch: 'e2', reset: true, nextCursor: 0 }), 7, 'receptionist');
    expect(await database.staff.get('s-old')).toBeUndefined();
    expect(await database.visits.get('v3')).toBeDefined();
    expect(await database.outbox.count()).toBe(1);
    expect(await readMeta(database.meta, META.epoch)).toBe('e2');
  });
});

describe('back-off', () => {
  it('R-X1 doubles up to the cap, with jitter in [cap/2, cap], and starts over after a success', () => {
    const low = new Backoff(() => 0, 500, 8_000);
    expect([1, 2, 3, 4, 5, 6].map(() => low.next())).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    const high = new Backoff(() => 1, 500, 8_000);
    expect([1, 2, 3, 4, 5].map(() => high.next())).toEqual([500, 1000, 2000, 4000, 8000]);
    high.reset();
    expect(high.next()).toBe(500);
  });
});
