/**
 * Sequential business numbers (complaints, cards, pass reconciliation
 * sheets). They must have no gaps or duplicates, so only the hub assigns them,
 * as a server-executed intent keyed by the requesting mutation: a retried
 * request gets the number it got the first time.
 */
import type { NumberKind, NumberResponse } from '../../shared/sync/protocol';
import { toInt, type SqlStore } from './store';

const PREFIX: Record<NumberKind, string> = { complaint: 'TS', card: 'KA', passSheet: 'PS' };

export async function nextNumber(store: SqlStore, kind: NumberKind, requestId: string, nowMs: number): Promise<NumberResponse> {
  const year = String(new Date(nowMs).getFullYear());
  return store.transaction(async (tx) => {
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
  });
}
