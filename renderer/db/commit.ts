import type { Table } from 'dexie';
import type { AuditEntry } from '../../shared/domain/visit';
import { HybridClock } from '../../shared/sync/hlc';
import { SYNC_TABLES } from '../../shared/sync/protocol';
import { META, clientIdOf, readMeta, readNumber, writeMeta } from '../sync/sync-meta';
import { SYNCED_TABLES, db, type FrontdeskDb, type OutboxRow, type SyncedTable } from './schema';
import { newId } from './ids';

type RowOf<T extends SyncedTable> = FrontdeskDb[T] extends Table<infer R> ? R : never;

/** The only way data is changed: every put lands in its table and in the outbox together. */
export interface Writer {
  readonly now: string;
  readonly actor: string;
  put<T extends SyncedTable>(table: T, row: RowOf<T>): Promise<void>;
  audit(action: string, entity: string, entityId: string, detail?: string): Promise<void>;
}

const TABLES = [...SYNCED_TABLES, 'outbox', 'meta'] as const;
const HUB_TABLES: ReadonlySet<string> = new Set(SYNC_TABLES);

type Fields = Record<string, unknown>;
const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What this replica's row is after the put, as the hub needs to know to stop
 * sending it back (electron/hub/echo.ts): `new` when there was no row, so it
 * is exactly the value; `overlay` when no field of the row before is dropped,
 * so it is the row before with the changed fields over it; else unknown.
 */
function localAfter(before: unknown, after: Fields): OutboxRow['local'] {
  if (!isFields(before)) return 'new';
  return Object.keys(before).every((k) => k in after) ? 'overlay' : undefined;
}

/** Only the fields that differ from the stored row (plus `id`), so per-field merge keeps others' edits. */
function changedFields(before: unknown, after: Fields): Fields {
  if (!isFields(before)) return after;
  const out: Fields = { id: after.id };
  for (const [k, v] of Object.entries(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = v;
  }
  return out;
}

/**
 * Runs `work` in one read-write transaction over the synced tables, the
 * outbox and the sync meta, so a change and its outbox row are committed
 * together or not at all (sync.md B.5.2 write path). Nothing but IndexedDB is
 * awaited inside: no fetch, no timers.
 *
 * Each put gets an HLC stamp from this database's clock (persisted in meta, so
 * stamps stay monotonic across reloads) and, for tables the hub syncs, the
 * next gap-free client sequence.
 *
 * `scope` (optional) narrows the transaction to those synced tables plus the
 * outbox and meta, so a hot writer (the call-log ingest) does not wait behind
 * transactions on tables it never touches. The outbox guarantees are the same
 * (outbox and meta are always in it); `work` may then read and put only the
 * scoped tables — anything else fails the whole transaction, nothing is half
 * written. Without `scope` it spans every synced table, as before.
 */
export async function commit<T>(
  actor: string,
  work: (w: Writer) => Promise<T>,
  database: FrontdeskDb = db,
  scope?: readonly SyncedTable[],
): Promise<T> {
  const tables = scope === undefined ? TABLES : [...new Set<SyncedTable>(scope), 'outbox' as const, 'meta' as const];
  let synced = false;
  const result = await database.transaction('rw', tables.map((t) => database[t]), async () => {
    const now = new Date().toISOString();
    const clientId = await clientIdOf(database.meta);
    const clock = new HybridClock(clientId);
    const lastStamp = await readMeta(database.meta, META.hlc);
    if (lastStamp) clock.receive(lastStamp);
    let clientSeq = await readNumber(database.meta, META.clientSeq);
    const startSeq = clientSeq;
    const put = async <K extends SyncedTable>(table: K, row: RowOf<K>): Promise<void> => {
      const target = database[table] as Table<RowOf<K>, string>;
      const value: Fields = isFields(row) ? { ...row } : {};
      const key = String(value.id);
      const before: unknown = await target.get(key);
      await target.put(row);
      const hlc = clock.tick();
      const toHub = HUB_TABLES.has(table);
      if (toHub) clientSeq += 1;
      await database.outbox.add({
        mutationId: newId(),
        table,
        op: 'put',
        key,
        value: changedFields(before, value),
        local: localAfter(before, value),
        at: now,
        hlc,
        ...(toHub ? { clientSeq } : {}),
      });
    };
    const writer: Writer = {
      now,
      actor,
      put,
      audit: (action, entity, entityId, detail = '') => {
        const entry: AuditEntry = { id: newId(), at: now, actor, action, entity, entityId, detail };
        return put('audit', entry);
      },
    };
    const out = await work(writer);
    await writeMeta(database.meta, META.hlc, clock.peek());
    await writeMeta(database.meta, META.clientSeq, String(clientSeq));
    synced = clientSeq > startSeq;
    return out;
  });
  // Committed: this window's sync loop pushes now rather than when its outbox query next runs.
  if (synced) announceCommit(database);
  return result;
}

type CommitListener = (database: FrontdeskDb) => void;
const commitListeners = new Set<CommitListener>();

function announceCommit(database: FrontdeskDb): void {
  for (const l of commitListeners) l(database);
}

/**
 * Called after every commit in this window that wrote rows for the hub. The
 * sync loop's fast path: a commit in another window reaches it through its
 * live query on the outbox instead, a few milliseconds later.
 */
export function onCommit(listener: CommitListener): () => void {
  commitListeners.add(listener);
  return () => commitListeners.delete(listener);
}
