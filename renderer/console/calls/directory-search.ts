import type { EmergencyNumber, Tenant } from '../../../shared/domain/switchboard';
import type { Staff } from '../../../shared/domain/visit';
import { searchStaff } from '../../../shared/staff-search';

/** The query as the directory compares it: NFKC, lower case, no spaces. */
export function directoryQuery(q: string): string {
  return q.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
}

/** Staff by name, pinyin, initials or department (shared search), and by extension or mobile digits. */
export function findStaff(staff: readonly Staff[], query: string, limit: number): Staff[] {
  const q = directoryQuery(query);
  if (!q) return [];
  if (/^\d+$/.test(q)) return staff.filter((s) => s.ext.startsWith(q) || s.mobile.replace(/\D/g, '').includes(q)).slice(0, limit);
  return searchStaff(staff, q, limit);
}

/** Tenants by Chinese or English name, pinyin, initials, unit ("A-1203", "1203"), contact or extension. */
export function findTenants(tenants: readonly Tenant[], query: string): Tenant[] {
  const q = directoryQuery(query);
  if (!q) return [...tenants];
  return tenants.filter(
    (t) =>
      t.name.includes(q) ||
      t.nameEn.toLowerCase().replace(/\s+/g, '').includes(q) ||
      t.pinyin.startsWith(q) ||
      t.initials.startsWith(q) ||
      t.unit.toLowerCase().replace('-', '').includes(q.replace('-', '')) ||
      t.contactName.includes(q) ||
      t.emergencyName.includes(q) ||
      t.exts.some((e) => e.startsWith(q)),
  );
}

export function findNumbers(numbers: readonly EmergencyNumber[], query: string): EmergencyNumber[] {
  const q = directoryQuery(query);
  if (!q) return [...numbers];
  return numbers.filter((n) => n.name.includes(q) || n.nameEn.toLowerCase().includes(q) || n.number.startsWith(q));
}
