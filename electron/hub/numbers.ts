/**
 * Sequential business numbers (complaints, cards, pass reconciliation
 * sheets). They must have no gaps or duplicates, so only the hub assigns them,
 * as a server-executed intent keyed by a request id: a retried request gets
 * the number it got the first time.
 *
 * Cards and handover sheets get theirs inside the push that first brings the
 * row (see `numberFor` and push.ts), keyed by the row id, so a re-sent push
 * or a second hub on the same PostgreSQL never hands out a second number.
 */
import type { NumberKind, NumberResponse, SyncTable } from '../../shared/sync/protocol';
import { toInt, type SqlExecutor, type SqlStore } from './store';

const PREFIX: Record<NumberKind, string> = { complaint: 'TS', card: 'KA', passSheet: 'PS' };

/** Assigns (or finds) the number for `requestId` inside the caller's transaction. */
export async function assignNumber(tx: SqlExecutor, kind: NumberKind, requestId: string, nowMs: number): Promise<NumberResponse> {
  const year = String(new Date(nowMs).getFullYear());
  const [prior] = await tx.query<{ kind: NumberKind; value: unknown; label: string }>(
    'SELECT kind, value, label FROM number_assignments WHERE request_id = $1',
    [requestId],
  );
  if (prior) return { kind: prior.kind, value: toInt(prior.value), label: prior.label };
  // The upsert locks the counter row until commit: two desks never get the same number.
  const [row] = await tx.query<{ value: unknown }>(
    `INSERT INTO number_counters (kind, period, value) VALUES ($1, $2, 1)
     ON CONFLICT (kind, period) DO UPDATE SET value = number_counters.value + 1 RETURNING value`,
    [kind, year],
  );
  const value = toInt(row?.value);
  const label = `${PREFIX[kind]}-${year}-${String(value).padStart(5, '0')}`;
  await tx.query('INSERT INTO number_assignments (request_id, kind, value, label) VALUES ($1, $2, $3, $4)', [requestId, kind, value, label]);
  return { kind, value, label };
}

export function nextNumber(store: SqlStore, kind: NumberKind, requestId: string, nowMs: number): Promise<NumberResponse> {
  return store.transaction((tx) => assignNumber(tx, kind, requestId, nowMs));
}

/**
 * The hub-numbered fields a row still waits for, or null: a card whose number
 * is provisional (`numberFinal: false`), a handover sheet without `finalNumber`.
 * `patch` turns the assigned label into the fields to store.
 */
export function numberFor(
  table: SyncTable,
  fields: Record<string, unknown>,
): { kind: NumberKind; patch: (label: string) => Record<string, unknown> } | null {
  if (table === 'cards' && fields.numberFinal === false) {
    return { kind: 'card', patch: (label) => ({ number: label, numberFinal: true }) };
  }
  if (table === 'handoverSheets' && fields.finalNumber === null) {
    return { kind: 'passSheet', patch: (label) => ({ finalNumber: label }) };
  }
  return null;
}

/** The request id of a row's number: one number per row, whatever pushes it. */
export const rowNumberRequest = (table: SyncTable, key: string): string => `row:${table}:${key}`;
