import type { Collection, InsertType } from 'dexie';
import type { VisitCategory, VisitState } from '../../shared/domain/visit';
import { commit } from './commit';
import { db, type VisitRow } from './schema';
import { normalizeQuery } from './terms';

export type PiiField = 'phone' | 'idNumber';

/**
 * Shows one visit's phone or ID number in full; every such view is audited
 * (R-S2), so the value is only handed out together with its audit row.
 */
export async function revealPii(visitId: string, field: PiiField, actor: string): Promise<string> {
  return commit(actor, async (w) => {
    const visit = await db.visits.get(visitId);
    if (!visit) throw new Error(`Unknown visit ${visitId}`);
    await w.audit('pii.view', 'visit', visitId, field);
    return visit[field];
  });
}

export interface RegisterFilter {
  query: string;
  /** Inclusive local days, YYYY-MM-DD; empty for open-ended. */
  from: string;
  to: string;
  /** Matches the host's name or department, as a substring. */
  host: string;
  category: VisitCategory | '';
  state: VisitState | '';
}

export const EMPTY_FILTER: RegisterFilter = { query: '', from: '', to: '', host: '', category: '', state: '' };

/**
 * The register's rows as a lazy Dexie collection: a search goes through the
 * multi-entry `terms` index, otherwise the `day` index narrows the range, so
 * neither loads the whole table (100,000 visits must stay fast).
 */
export function registerCollection(f: RegisterFilter): Collection<VisitRow, string, InsertType<VisitRow, 'id'>> {
  const q = normalizeQuery(f.query);
  const host = f.host.trim().toLowerCase();
  const rest = (v: VisitRow): boolean =>
    (!f.from || v.day >= f.from) &&
    (!f.to || v.day <= f.to) &&
    (!f.category || v.category === f.category) &&
    (!f.state || v.state === f.state) &&
    (!host || v.hostName.toLowerCase().includes(host) || v.hostDept.toLowerCase().includes(host));
  if (q) return db.visits.where('terms').startsWith(q).distinct().filter(rest);
  const byDay =
    f.from || f.to
      ? db.visits.where('day').between(f.from || '0000-00-00', f.to || '9999-99-99', true, true)
      : db.visits.orderBy('day');
  return byDay.reverse().filter(rest);
}

export async function registerPage(f: RegisterFilter, page: number, size: number): Promise<{ rows: VisitRow[]; more: boolean }> {
  const rows = await registerCollection(f).offset(page * size).limit(size + 1).toArray();
  return { rows: rows.slice(0, size), more: rows.length > size };
}
