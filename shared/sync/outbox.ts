/**
 * From the renderer's outbox row (renderer/db/schema.ts OutboxRow) to a wire
 * mutation. The row's `seq` is the client sequence. Until the renderer stamps
 * an HLC inside its write transaction, the stamp is derived from the row's
 * write time `at` and its `seq`: it then orders writes by when they were made
 * (not when they were pushed), and is unique per client because `seq` is.
 */
import { formatHlc } from './hlc';
import type { Mutation, SyncTable } from './protocol';

export interface OutboxRowLike {
  seq?: number;
  mutationId: string;
  table: SyncTable;
  op: 'put' | 'delete';
  key: string;
  value: unknown;
  at: string;
  hlc?: string;
}

export class OutboxRowError extends Error {
  readonly code = 'sync.outboxRow';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function outboxToMutation(row: OutboxRowLike, clientId: string): Mutation {
  if (row.seq === undefined) throw new OutboxRowError('An outbox row without its sequence has not been committed');
  const wall = Date.parse(row.at);
  if (!Number.isFinite(wall)) throw new OutboxRowError(`Outbox row ${row.seq} has no valid time`);
  const hlc = row.hlc ?? formatHlc({ wall, counter: row.seq % 36 ** 5, node: clientId });
  const value = row.op === 'put' ? (isRecord(row.value) ? row.value : {}) : null;
  return { clientSeq: row.seq, mutationId: row.mutationId, table: row.table, op: row.op, key: row.key, value, hlc };
}
