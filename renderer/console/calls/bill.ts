import type { StoredCall, Tariff, Tenant } from '../../../shared/domain/switchboard';
import type { Staff } from '../../../shared/domain/visit';
import { callCost } from './rating';

export interface BillLine {
  key: string;
  label: string;
  detail: string;
  calls: number;
  /** Talk time of the outgoing calls, in seconds. */
  seconds: number;
  cost: number;
}

export interface MonthBill {
  byExt: BillLine[];
  byDept: BillLine[];
  byTenant: BillLine[];
  total: BillLine;
}

function add(map: Map<string, BillLine>, key: string, label: string, detail: string, sec: number, cost: number): void {
  const line = map.get(key) ?? { key, label, detail, calls: 0, seconds: 0, cost: 0 };
  line.calls++;
  line.seconds += sec;
  line.cost = Math.round((line.cost + cost) * 100) / 100;
  map.set(key, line);
}

/**
 * A month's phone bill (R-C9): outgoing calls per extension, and the same
 * summed per staff department and per tenant (by the extensions each owns).
 * An extension nobody owns is still billed, under its number.
 */
export function monthBill(calls: readonly StoredCall[], tariffs: readonly Tariff[], staff: readonly Staff[], tenants: readonly Tenant[], deptOf: (s: Staff) => string): MonthBill {
  const staffByExt = new Map(staff.map((s) => [s.ext, s]));
  const tenantByExt = new Map(tenants.flatMap((t) => t.exts.map((e) => [e, t] as const)));
  const byExt = new Map<string, BillLine>();
  const byDept = new Map<string, BillLine>();
  const byTenant = new Map<string, BillLine>();
  const total: BillLine = { key: 'total', label: '', detail: '', calls: 0, seconds: 0, cost: 0 };
  for (const c of calls) {
    if (c.direction !== 'out' || c.unanswered) continue;
    const ext = c.ext ?? '--';
    const sec = c.durationSec ?? 0;
    const cost = callCost(c, tariffs);
    const s = staffByExt.get(ext);
    const tn = tenantByExt.get(ext);
    add(byExt, ext, ext, s ? s.name : (tn?.name ?? ''), sec, cost);
    if (s) add(byDept, deptOf(s), deptOf(s), '', sec, cost);
    if (tn) add(byTenant, tn.id, tn.name, tn.unit, sec, cost);
    total.calls++;
    total.seconds += sec;
    total.cost = Math.round((total.cost + cost) * 100) / 100;
  }
  const sorted = (m: Map<string, BillLine>): BillLine[] => [...m.values()].sort((a, b) => b.cost - a.cost || a.key.localeCompare(b.key));
  return { byExt: sorted(byExt), byDept: sorted(byDept), byTenant: sorted(byTenant), total };
}

/** The first and last day of a YYYY-MM month, for the `day` index. */
export function monthRange(month: string): [string, string] {
  return [`${month}-01`, `${month}-31`];
}
