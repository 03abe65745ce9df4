/**
 * Importing the access system's door-event log (R-P5) into this desk's Dexie:
 * the events land in the local `doorEvents` table, then the import (file,
 * counts, the lines not read) is a card audit entry. Events are keyed by
 * their content, so a log imported twice adds nothing the second time.
 */
import { parseDoorLog, type DoorLogParse } from '../../shared/cards/door-log';
import { db, type FrontdeskDb } from '../db/schema';
import { cardStep } from './audit-log';

export async function importDoorLog(
  actor: string,
  file: string,
  rows: readonly (readonly string[])[],
  database: FrontdeskDb = db,
): Promise<DoorLogParse & { added: number }> {
  const parsed = parseDoorLog(rows);
  const importedAt = new Date().toISOString();
  const rowsToStore = parsed.events.map((e) => ({
    ...e,
    id: `${e.at}|${e.credential}|${e.door}|${e.direction}`,
    importedAt,
    file,
  }));
  const known = new Set(
    (await database.doorEvents.bulkGet(rowsToStore.map((r) => r.id))).flatMap((r) => (r ? [r.id] : [])),
  );
  const fresh = rowsToStore.filter((r) => !known.has(r.id));
  await database.doorEvents.bulkPut(fresh);
  const lines = parsed.problems.map((p) => `${p.line}:${p.reason}`).join(' ');
  await cardStep(
    actor,
    {
      action: 'doorLog.imported',
      entity: 'card',
      entityId: '',
      detail: `${file}: ${parsed.events.length} events (${fresh.length} new), ${parsed.problems.length} rows not read${lines ? ` [${lines.slice(0, 400)}]` : ''}`,
    },
    async () => undefined,
    database,
  );
  return { ...parsed, added: fresh.length };
}
