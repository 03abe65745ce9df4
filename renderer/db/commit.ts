import type { AuditEntry } from '../../shared/domain/visit';
import { SYNCED_TABLES, db, type FrontdeskDb, type SyncedTable } from './schema';
import { newId } from './ids';

type RowOf<T extends SyncedTable> = FrontdeskDb[T] extends import('dexie').Table<infer R> ? R : never;

/** The only way data is changed: every put lands in its table and in the outbox together. */
export interface Writer {
  readonly now: string;
  readonly actor: string;
  put<T extends SyncedTable>(table: T, row: RowOf<T>): Promise<void>;
  audit(action: string, entity: string, entityId: string, detail?: string): Promise<void>;
}

const TABLES = [...SYNCED_TABLES, 'outbox'] as const;

/**
 * Runs `work` in one read-write transaction over the synced tables and the
 * outbox, so a change and its outbox row are committed together or not at all.
 */
export async function commit<T>(
  actor: string,
  work: (w: Writer) => Promise<T>,
  database: FrontdeskDb = db,
): Promise<T> {
  return database.transaction('rw', TABLES.map((t) => database[t]), async () => {
    const now = new Date().toISOString();
    const put = async <K extends SyncedTable>(table: K, row: RowOf<K>): Promise<void> => {
      const key = (row as { id: string }).id;
      await (database[table] as import('dexie').Table<RowOf<K>, string>).put(row);
      await database.outbox.add({ mutationId: newId(), table, op: 'put', key, value: row, at: now });
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
    return work(writer);
  });
}
