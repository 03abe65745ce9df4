import type { StoredCall, Tenant } from '../../shared/domain/switchboard';
import type { Staff } from '../../shared/domain/visit';
import { directoryQuery, findStaff, findTenants } from './calls/directory-search';
import type { CallerIndex } from './calls/lookup';
import { normalizeNumber } from './calls/numbers';

/** A command the palette can run; `label` is already in the operator's language. */
export interface PaletteAction {
  id: string;
  label: string;
  keys?: string;
}

export type PaletteItem =
  | { kind: 'action'; id: string; action: PaletteAction }
  | { kind: 'staff'; id: string; staff: Staff }
  | { kind: 'tenant'; id: string; tenant: Tenant }
  | { kind: 'call'; id: string; call: StoredCall; caller: string | null };

export const PALETTE_GROUPS = ['action', 'staff', 'tenant', 'call'] as const;

const PER_GROUP = 6;

/** The name a call is known by: the directory's match for its number, else what the PBX gave. */
function callerOf(c: StoredCall, index: CallerIndex): string | null {
  const n = normalizeNumber(c.number);
  return (n ? index.get(n)?.name : undefined) ?? c.callerName;
}

/**
 * One search over actions, staff (name, pinyin, initials, extension), tenants
 * (name, unit, contact) and calls (number digits, caller name), grouped in
 * that order, newest calls first (ux.md C3). `calls` must be newest first.
 */
export function paletteResults(
  query: string,
  src: {
    actions: readonly PaletteAction[];
    staff: readonly Staff[];
    tenants: readonly Tenant[];
    calls: readonly StoredCall[];
    index: CallerIndex;
  },
): PaletteItem[] {
  const q = directoryQuery(query);
  const out: PaletteItem[] = [];
  const actions = q
    ? src.actions.filter(
        (a) => directoryQuery(a.label).includes(q) || a.id.toLowerCase().includes(q),
      )
    : src.actions;
  for (const a of actions.slice(0, q ? PER_GROUP : src.actions.length))
    out.push({ kind: 'action', id: `action:${a.id}`, action: a });
  if (!q) return out;
  for (const s of findStaff(src.staff, q, PER_GROUP))
    out.push({ kind: 'staff', id: `staff:${s.id}`, staff: s });
  for (const t of findTenants(src.tenants, q).slice(0, PER_GROUP))
    out.push({ kind: 'tenant', id: `tenant:${t.id}`, tenant: t });
  const digits = /^\+?\d+$/.test(q) ? q.replace(/\D/g, '') : '';
  let calls = 0;
  for (const c of src.calls) {
    if (calls >= PER_GROUP) break;
    const caller = callerOf(c, src.index);
    const byNumber = digits !== '' && (c.number ?? '').replace(/\D/g, '').includes(digits);
    const byName = digits === '' && caller !== null && directoryQuery(caller).includes(q);
    if (byNumber || byName) {
      out.push({ kind: 'call', id: `call:${c.id}`, call: c, caller });
      calls++;
    }
  }
  return out;
}
