/**
 * Applying one pulled page to the local replica (sync.md B.5.4, client apply).
 *
 * Invariants:
 * - One Dexie transaction per page, and the cursor moves in it: a crash
 *   re-applies an idempotent page, never skips one.
 * - The hub's snapshot already is the field-wise max by HLC of everything it
 *   accepted, so it replaces the local row — except fields that pending outbox
 *   entries wrote with a newer stamp than the hub's for that field: those stay,
 *   and the hub applies the same rule when they arrive (field-wise max by HLC).
 * - A tombstone wins: the row goes, whatever is pending.
 * - A page for a cursor that is no longer the stored one is ignored.
 * - On `reset` the readable tables are cleared but the outbox is kept, and
 *   rows with pending changes are put back from the local copy. Until the
 *   re-snapshot's last page META.resnapshot is set, so its pulls ask for the
 *   replica's own rows too (the hub otherwise skips them: echo.ts).
 */
import type { Table } from 'dexie';
import { compareHlc, maxHlc } from '../../shared/sync/hlc';
import { SYNC_TABLES, type PullResponse, type SyncTable } from '../../shared/sync/protocol';
import { latestStamp, stampOf } from '../../shared/sync/stamps';
import { ROLE_SCOPES, type HubRole } from '../../shared/sync/tables';
import type { FrontdeskDb, OutboxRow } from '../db/schema';
import { localDay, visitTerms } from '../db/terms';
import { pageArriving, pageDone } from './catch-up';
import { META, readMeta, readNumber, writeMeta } from './sync-meta';

type Fields = Record<string, unknown>;
const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields a role does not receive but the local row type requires (the kiosk's staff directory). */
const HIDDEN_DEFAULTS: Partial<Record<SyncTable, Fields>> = {
  staff: { ext: '', mobile: '', email: '' },
  watchlist: { reason: '', addedBy: '' },
  cards: { idNumber: '', phone: '', encoded: '' },
};

const tableOf = (database: FrontdeskDb, t: SyncTable): Table<Fields, string> => database.table<Fields, string>(t);

/** Rebuilds the local-only fields (search terms, day) the hub never stores. */
function withLocalFields(table: SyncTable, row: Fields): Fields {
  if (table !== 'visits') return row;
  const text = (k: string): string => (typeof row[k] === 'string' ? String(row[k]) : '');
  const when = text('signedInAt') || text('createdAt') || new Date().toISOString();
  return {
    ...row,
    terms: visitTerms({ name: text('name'), company: text('company'), badgeCode: text('badgeCode'), phone: text('phone'), hostName: text('hostName') }),
    day: localDay(when),
  };
}

export function readableTables(role: string): SyncTable[] {
  const scopes = (ROLE_SCOPES as Record<string, (typeof ROLE_SCOPES)[HubRole] | undefined>)[role];
  return SYNC_TABLES.filter((t) => scopes?.[t].read !== 'none');
}

/** Applies `page` (the answer to a pull from `sentCursor`); returns false when it was stale and ignored. */
export async function applyPage(database: FrontdeskDb, page: PullResponse, sentCursor: number, role: string): Promise<boolean> {
  // A page with more behind it marks a catch-up before its transaction commits, so list screens
  // refresh on their timer rather than once per page; the last page (or a lone change) ends it.
  pageArriving(page.hasMore);
  try {
    return await applyInTransaction(database, page, sentCursor, role);
  } finally {
    pageDone(page.hasMore);
  }
}

function applyInTransaction(database: FrontdeskDb, page: PullResponse, sentCursor: number, role: string): Promise<boolean> {
  const tables = [...SYNC_TABLES.map((t) => database.table(t)), database.outbox, database.meta];
  return database.transaction('rw', tables, async () => {
    const [cursor, epoch, resnapshot] = await Promise.all([
      readNumber(database.meta, META.cursor),
      readMeta(database.meta, META.epoch),
      readMeta(database.meta, META.resnapshot),
    ]);
    // The answer to an older request (a cursor since moved on) must not move it back.
    if (cursor !== sentCursor && !page.reset) return false;
    if (epoch !== null && epoch !== page.epoch && !page.reset) return false;

    // Per row, per field: the newest pending value and its stamp (outbox rows in write order).
    const pending = new Map<string, Map<string, { value: unknown; hlc: string }>>();
    // One getAll rather than a cursor: a kiosk back online pulls while thousands of its own rows
    // still wait, and a cursor costs a round of the event loop per row, for every page.
    const waiting: OutboxRow[] = await database.outbox.toArray();
    for (const o of waiting) {
      // Rows without a clientSeq never go to the hub, so they cannot hold a hub value back.
      if (!isFields(o.value) || o.clientSeq === undefined) continue;
      const id = `${o.table}/${o.key}`;
      const fields = pending.get(id) ?? new Map<string, { value: unknown; hlc: string }>();
      for (const [f, v] of Object.entries(o.value)) fields.set(f, { value: v, hlc: o.hlc ?? '' });
      pending.set(id, fields);
    }

    if (page.reset) {
      // Keep the local copy of rows with pending changes; everything else comes again from 0.
      const keep: [SyncTable, Fields][] = [];
      for (const t of readableTables(role)) {
        for (const id of pending.keys()) {
          if (!id.startsWith(`${t}/`)) continue;
          const row = await tableOf(database, t).get(id.slice(t.length + 1));
          if (row) keep.push([t, row]);
        }
        await tableOf(database, t).clear();
      }
      for (const [t, row] of keep) await tableOf(database, t).put(row);
    }

    // One bulk call per table and kind: a page holds each (table, key) once (the hub sends row
    // snapshots), so grouping keeps the outcome of applying the changes one by one.
    const puts = new Map<SyncTable, Fields[]>();
    const deletes = new Map<SyncTable, string[]>();
    for (const change of page.changes) {
      if (change.deletedHlc !== null) {
        const keys = deletes.get(change.table) ?? [];
        keys.push(change.key);
        deletes.set(change.table, keys);
        continue;
      }
      // Field-wise max by HLC: a pending value stays unless the hub already holds a newer one for that field.
      const mine: Fields = {};
      for (const [f, p] of pending.get(`${change.table}/${change.key}`) ?? []) {
        const theirs = stampOf(change.fields, change, f);
        if (theirs === undefined || compareHlc(p.hlc, theirs) > 0) mine[f] = p.value;
      }
      const row = { ...(HIDDEN_DEFAULTS[change.table] ?? {}), ...change.fields, ...mine, id: change.key };
      const rows = puts.get(change.table) ?? [];
      rows.push(withLocalFields(change.table, row));
      puts.set(change.table, rows);
    }
    for (const [t, keys] of deletes) await tableOf(database, t).bulkDelete(keys);
    for (const [t, rows] of puts) await tableOf(database, t).bulkPut(rows);
    // The replica's clock moves past every stamp it now shows (stamps.ts latestStamp): an edit made
    // after this page must win over what the page brought, whoever's clock stamped that.
    let seen: string | null = page.hubHlc;
    for (const change of page.changes) seen = maxHlc(seen, latestStamp(change));
    const clock = await readMeta(database.meta, META.hlc);
    if (seen !== null && (clock === null || compareHlc(seen, clock) > 0)) await writeMeta(database.meta, META.hlc, seen);
    await writeMeta(database.meta, META.cursor, String(page.nextCursor));
    await writeMeta(database.meta, META.epoch, page.epoch);
    // A re-snapshot runs from its reset page to its last page; in between, pulls want echoes too.
    if (page.reset && page.hasMore) await writeMeta(database.meta, META.resnapshot, '1');
    else if (!page.hasMore && resnapshot !== null) await database.meta.delete(META.resnapshot);
    return true;
  });
}
