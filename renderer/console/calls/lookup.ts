import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { EmergencyNumber, Tenant } from '../../../shared/domain/switchboard';
import type { Staff } from '../../../shared/domain/visit';
import { db } from '../../db/schema';
import { mobileE164, normalizeNumber } from './numbers';

/** Who a number belongs to (R-C3). `detail` is the department, the company or the unit. */
export type CallerMatch =
  | { kind: 'staff'; id: string; name: string; detail: string; staff: Staff }
  | { kind: 'tenant'; id: string; name: string; detail: string; tenant: Tenant }
  | { kind: 'number'; id: string; name: string; detail: string }
  | { kind: 'visitor'; id: string; name: string; detail: string; phone: string };

export type CallerIndex = ReadonlyMap<string, CallerMatch>;

function buildIndex(staff: readonly Staff[], tenants: readonly Tenant[], numbers: readonly EmergencyNumber[]): CallerIndex {
  const map = new Map<string, CallerMatch>();
  const add = (raw: string, m: CallerMatch): void => {
    const n = normalizeNumber(raw);
    // The first owner wins: staff before tenants before common numbers.
    if (n && !map.has(n)) map.set(n, m);
  };
  for (const s of staff) {
    const m: CallerMatch = { kind: 'staff', id: s.id, name: s.name, detail: s.dept, staff: s };
    add(s.mobile, m);
    add(s.ext, m);
  }
  for (const t of tenants) {
    add(t.contactPhone, { kind: 'tenant', id: t.id, name: `${t.contactName} · ${t.name}`, detail: t.unit, tenant: t });
    add(t.emergencyPhone, { kind: 'tenant', id: t.id, name: `${t.emergencyName} · ${t.name}`, detail: t.unit, tenant: t });
    for (const ext of t.exts) add(ext, { kind: 'tenant', id: t.id, name: t.name, detail: t.unit, tenant: t });
  }
  for (const n of numbers) add(n.number, { kind: 'number', id: n.id, name: n.name, detail: n.number });
  return map;
}

/** Staff, tenants and common numbers by normalized number; rebuilt when the directory changes. */
export function useCallerIndex(): CallerIndex {
  const staff = useLiveQuery(() => db.staff.toArray(), []);
  const tenants = useLiveQuery(() => db.tenants.toArray(), []);
  const numbers = useLiveQuery(() => db.emergencyNumbers.toArray(), []);
  return useMemo(() => buildIndex(staff ?? [], tenants ?? [], numbers ?? []), [staff, tenants, numbers]);
}

/**
 * Visitors by mobile for a handful of numbers (the rows on screen, or the
 * selected call): looked up through the visits' phone index, newest visit
 * first, so the register's size does not matter.
 */
export function useVisitorMatches(numbers: readonly string[]): ReadonlyMap<string, CallerMatch> {
  const phones = [...new Set(numbers.map((n) => mobileE164(normalizeNumber(n))).filter((p): p is string => p !== null))];
  const key = phones.join(',');
  const visits = useLiveQuery(() => (phones.length ? db.visits.where('phone').anyOf(phones).toArray() : []), [key]);
  return useMemo(() => {
    const map = new Map<string, CallerMatch>();
    const sorted = [...(visits ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    for (const v of sorted) {
      const n = normalizeNumber(v.phone);
      if (!map.has(n)) map.set(n, { kind: 'visitor', id: v.visitorId, name: v.name, detail: v.company, phone: v.phone });
    }
    return map;
  }, [visits]);
}

export function matchOf(number: string | null, index: CallerIndex, visitors: ReadonlyMap<string, CallerMatch>): CallerMatch | null {
  const n = normalizeNumber(number);
  if (!n) return null;
  return index.get(n) ?? visitors.get(n) ?? null;
}
