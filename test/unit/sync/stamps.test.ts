/**
 * Packed stamps (shared/sync/stamps.ts): a pulled row and the hub's stored
 * row carry their shared stamp once. Packing must lose nothing and invent
 * nothing, or a replica would keep a stale pending value (or drop a newer
 * one) when it merges a pulled row field by field (R-X1).
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromStoredStamps, latestStamp, packStamps, stampOf, storedStamps, unpackStamps } from '../../../shared/sync/stamps';
import { startTestHub } from './test-hub';
import { SyncClient } from '../../../renderer/sync/sync-client';
import { httpTransport } from '../../../renderer/sync/hub-transport';
import { commit } from '../../../renderer/db/commit';
import type { VisitRow } from '../../../renderer/db/schema';
import { visit } from '../hub/fixtures';

const H = (n: number, node = 'kiosk'): string => `${String(1_800_000_000_000 + n).padStart(15, '0')}-00000-${node}`;

// Field names as the tables have them: never '*', the stored form's own key.
const fieldName = fc.constantFrom('id', 'name', 'company', 'phone', 'state', 'signedOutAt', 'surveyScore', 'hostId', 'badgeCode', 'number');
const row = fc.record({
  fields: fc.dictionary(fieldName, fc.oneof(fc.string(), fc.integer(), fc.constant(null))),
  // A few distinct stamps, so rows share some and differ in others; some stamps belong to fields the row does not hold.
  stamps: fc.dictionary(fieldName, fc.integer({ min: 1, max: 4 }).map((n) => H(n))),
});

describe('packed stamps (R-X1)', () => {
  it('R-X1 unpacking a packed row gives back every stamp, and stampOf answers as the full map would', () => {
    fc.assert(
      fc.property(row, ({ fields, stamps }) => {
        const packed = packStamps(fields, stamps);
        const full = unpackStamps(fields, packed);
        const allStamped = Object.keys(fields).every((f) => stamps[f] !== undefined);
        // A row with a field that has no stamp is packed without a shared stamp: nothing invented for it.
        if (!allStamped) expect(packed.hlc).toBeUndefined();
        expect(full).toEqual(stamps);
        for (const f of [...Object.keys(fields), ...Object.keys(stamps), 'other']) expect(stampOf(fields, packed, f)).toBe(stamps[f]);
        expect(fromStoredStamps(storedStamps(packed))).toEqual(packed);
      }),
      { numRuns: 500 },
    );
  });

  it('R-S1 latestStamp of a packed row is the greatest of its stamps and its tombstone, as of the full map', () => {
    fc.assert(
      fc.property(row, fc.option(fc.integer({ min: 1, max: 5 }).map((n) => H(n, 'desk'))), ({ fields, stamps }, deletedHlc) => {
        const all = [...Object.values(stamps), ...(deletedHlc === null ? [] : [deletedHlc])].sort();
        expect(latestStamp({ ...packStamps(fields, stamps), deletedHlc })).toBe(all.at(-1) ?? null);
      }),
      { numRuns: 300 },
    );
  });

  it('R-X1 a row written whole by one put is one stamp; a later edit lists only the fields it changed', () => {
    const fields = { ...visit('v1') } as Record<string, unknown>;
    const stamps = Object.fromEntries(Object.keys(fields).map((f) => [f, H(1)]));
    expect(packStamps(fields, stamps)).toEqual({ hlc: H(1), fieldHlc: {} });
    const edited = packStamps(fields, { ...stamps, state: H(2), signedOutAt: H(2) });
    expect(edited).toEqual({ hlc: H(1), fieldHlc: { state: H(2), signedOutAt: H(2) } });
    expect(JSON.stringify(edited).length).toBeLessThan(JSON.stringify(stamps).length / 5);
  });

  it('R-X1 a stamp whose field a role may not see is listed, never implied by the shared stamp', () => {
    const packed = packStamps({ id: 's1', name: '张三' }, { id: H(1), name: H(1), mobile: H(1) });
    expect(packed).toEqual({ hlc: H(1), fieldHlc: { mobile: H(1) } });
    expect(stampOf({ id: 's1', name: '张三' }, { hlc: H(1), fieldHlc: {} }, 'mobile')).toBeUndefined();
  });

  it('R-X1 a stored row from before packing (every stamp by field) reads back as it was', () => {
    const legacy = { id: H(1), name: H(2) };
    expect(unpackStamps({ id: 'v1', name: 'x' }, fromStoredStamps(legacy))).toEqual(legacy);
  });

  it('R-X1 the hub merges onto a row stored before packing, and a replica pulls the merged stamps', async () => {
    const t = await startTestHub('stamps');
    try {
      const writer = await t.replica();
      const transport = httpTransport(t.hub.url);
      await commit(
        'console',
        async (w) => {
          const v: VisitRow = { ...visit('v-legacy', { name: '王五', signedInAt: w.now, createdAt: w.now, updatedAt: w.now }), terms: [], day: w.now.slice(0, 10) };
          await w.put('visits', v);
        },
        writer,
      );
      await new SyncClient({ database: writer, transport }).syncOnce();
      const [stored] = await t.store.query<{ field_hlc: Record<string, string> }>(`SELECT field_hlc FROM records WHERE key = 'v-legacy'`);
      expect(Object.keys(stored?.field_hlc ?? {})).toEqual(['*']);
      // Rewrite the row's stamps the way a hub before packing stored them.
      const [{ fields } = { fields: {} }] = await t.store.query<{ fields: Record<string, unknown> }>(`SELECT fields FROM records WHERE key = 'v-legacy'`);
      const shared = stored?.field_hlc['*'] ?? '';
      const legacy = Object.fromEntries(Object.keys(fields).map((f) => [f, shared]));
      await t.store.query(`UPDATE records SET field_hlc = $1::text::jsonb WHERE key = 'v-legacy'`, [JSON.stringify(legacy)]);

      const before = await writer.visits.get('v-legacy');
      if (!before) throw new Error('the written visit is not in its replica');
      await commit('console', async (w) => w.put('visits', { ...before, company: '新公司', updatedAt: w.now }), writer);
      await new SyncClient({ database: writer, transport }).syncOnce();
      const [after] = await t.store.query<{ field_hlc: Record<string, string> }>(`SELECT field_hlc FROM records WHERE key = 'v-legacy'`);
      // The edit's fields (with the id and updatedAt it always carries) under its newer stamp; the rest shared.
      const edit = after?.field_hlc.company ?? '';
      expect(edit > shared).toBe(true);
      expect(after?.field_hlc).toEqual({ '*': shared, id: edit, company: edit, updatedAt: edit });

      const reader = await t.replica();
      await new SyncClient({ database: reader, transport }).syncOnce();
      expect(await reader.visits.get('v-legacy')).toMatchObject({ name: '王五', company: '新公司' });
    } finally {
      await t.close();
    }
  });
});
