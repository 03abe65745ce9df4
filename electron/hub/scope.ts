/**
 * Row-level access: the role scopes of shared/sync/tables.ts applied to one
 * mutation (push) or one row (pull). Refusals are values, so a forbidden
 * mutation is rejected and acked instead of blocking the ones after it.
 */
import type { Mutation, RowChange, SyncTable } from '../../shared/sync/protocol';
import { ROLE_SCOPES, type TableScope } from '../../shared/sync/tables';
import type { Principal } from './auth';

export interface StoredRow {
  owner: string;
  fields: Record<string, unknown>;
  deletedHlc: string | null;
}

/** Local calendar day of an ISO time, in the hub's time zone. */
function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function isToday(iso: unknown, nowMs: number): boolean {
  if (typeof iso !== 'string') return false;
  const t = Date.parse(iso);
  return Number.isFinite(t) && localDay(t) === localDay(nowMs);
}

export function scopeOf(p: Principal, table: SyncTable): TableScope {
  return ROLE_SCOPES[p.role][table];
}

/** Null when allowed, else why not (shown to the user as a `forbidden` rejection). */
export function denyMutation(p: Principal, m: Mutation, current: StoredRow | null, nowMs: number): string | null {
  const scope = scopeOf(p, m.table);
  if (scope.write === 'none') return `${p.role} may not change ${m.table}`;
  if (m.op !== 'put' && !scope.remove) return `${p.role} may not delete or restore ${m.table}`;
  if (scope.write === 'own' && current !== null && current.owner !== p.id) return `${p.role} may change only the ${m.table} it created`;
  if (scope.write === 'fields') {
    if (current === null || current.deletedHlc !== null) return `${p.role} may not create ${m.table}`;
    const allowed = new Set(scope.writableFields ?? []);
    const extra = Object.keys(m.value ?? {}).filter((f) => f !== 'id' && !allowed.has(f) && !Object.is(m.value?.[f], current.fields[f]));
    if (extra.length > 0) return `${p.role} may not change ${m.table}.${extra.join(', ')}`;
  }
  if (scope.read === 'today' && current !== null && !isToday(current.fields.expectedAt, nowMs)) {
    return `${p.role} may change only today's ${m.table}`;
  }
  return null;
}

/** A row as the hub holds it: every field's stamp by field (the wire packs them, stamps.ts). */
export type HubRow = Omit<RowChange, 'hlc'>;

/**
 * The row as this caller may see it, or null when it may not see it at all.
 * A `today` row that changed to another day is sent as a bare tombstone, so a
 * kiosk drops a rescheduled appointment (and the visitor's details with it).
 */
export function visibleRow(p: Principal, row: HubRow, nowMs: number, owner: string | null = null): HubRow | null {
  const scope = scopeOf(p, row.table);
  if (scope.read === 'none') return null;
  if (scope.read === 'own' && owner !== p.id) return null;
  if (scope.read === 'today' && row.deletedHlc === null && !isToday(row.fields.expectedAt, nowMs)) {
    const newest = Object.values(row.fieldHlc).reduce((a, b) => (b > a ? b : a), '');
    return newest === '' ? null : { ...row, fields: {}, fieldHlc: {}, deletedHlc: newest };
  }
  if (!scope.hidden || scope.hidden.length === 0) return row;
  const hidden = new Set(scope.hidden);
  const strip = <V>(o: Record<string, V>): Record<string, V> => Object.fromEntries(Object.entries(o).filter(([k]) => !hidden.has(k)));
  return { ...row, fields: strip(row.fields), fieldHlc: strip(row.fieldHlc) };
}

export function readableTables(p: Principal): SyncTable[] {
  return Object.entries(ROLE_SCOPES[p.role])
    .filter(([, s]) => s.read !== 'none')
    .map(([t]) => t)
    .filter((t): t is SyncTable => t in ROLE_SCOPES[p.role]);
}
