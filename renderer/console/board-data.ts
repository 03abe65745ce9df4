import type { Appointment, Staff } from '../../shared/domain/visit';
import { isUsable } from '../db/appointments';
import { usePacedLiveQuery } from '../db/paced-live-query';
import { db, type VisitRow } from '../db/schema';
import { normalizeQuery } from '../db/terms';
import { today } from './format';

export interface BoardData {
  expected: { appointment: Appointment; host: Staff | undefined }[];
  onSite: VisitRow[];
  left: VisitRow[];
}

type Stamped = { signedInAt: string | null; createdAt: string };
const inAt = (v: Stamped): string => v.signedInAt ?? v.createdAt;

/** Today's board, read once: visits of the day split by state, usable appointments with their hosts. */
export async function readBoard(day = today()): Promise<BoardData> {
  const [visits, appointments] = await Promise.all([db.visits.where('day').equals(day).toArray(), db.appointments.toArray()]);
  const expected = appointments.filter((a) => isUsable(a, day)).sort((a, b) => a.expectedAt.localeCompare(b.expectedAt));
  // Only the hosts of the expected visitors, not the whole directory.
  const hosts = await db.staff.bulkGet([...new Set(expected.map((a) => a.hostId))]);
  const byId = new Map(hosts.filter((s): s is Staff => s !== undefined).map((s) => [s.id, s]));
  const onSite: VisitRow[] = [];
  const left: VisitRow[] = [];
  for (const v of visits) {
    // Held visitors are in the building's lobby: they count as present until admitted or refused.
    if (v.state === 'onSite' || v.state === 'held') onSite.push(v);
    else if (v.state === 'signedOut') left.push(v);
  }
  // ISO instants compare as strings; plain comparison is several times faster than localeCompare on thousands of rows.
  onSite.sort((a, b) => (inAt(a) < inAt(b) ? 1 : inAt(a) > inAt(b) ? -1 : 0));
  left.sort((a, b) => ((a.signedOutAt ?? '') < (b.signedOutAt ?? '') ? 1 : (a.signedOutAt ?? '') > (b.signedOutAt ?? '') ? -1 : 0));
  return { expected: expected.map((appointment) => ({ appointment, host: byId.get(appointment.hostId) })), onSite, left };
}

/**
 * Today's rows, live. A day can hold thousands of visits (a kiosk's offline
 * backlog): the board shows them in virtual rows, and while sync catches up
 * this query runs on a timer rather than after every applied page
 * (usePacedLiveQuery); a single new sign-in still shows at once.
 */
export function useBoardData(): BoardData | undefined {
  return usePacedLiveQuery(() => readBoard(), []);
}

function digits(s: string): string {
  return s.replace(/\D/g, '');
}

type Searchable = { name: string; company: string; phone: string; badgeCode?: string; code?: string };

/** A predicate for the board's search, with the query normalised once rather than per row. */
export function matcher(q: string): (v: Searchable) => boolean {
  const n = normalizeQuery(q);
  if (!n) return () => true;
  const lastFour = /^\d{4}$/.test(n);
  return (v) => {
    const hay = [v.name, v.company, v.badgeCode ?? '', v.code ?? ''];
    if (hay.some((h) => normalizeQuery(h).includes(n))) return true;
    return lastFour && digits(v.phone).endsWith(n);
  };
}

/** Name, company, the mobile's last four digits or the badge code. */
export function matches(q: string, v: Searchable): boolean {
  return matcher(q)(v);
}
