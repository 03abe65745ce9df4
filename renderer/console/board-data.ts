import { useLiveQuery } from 'dexie-react-hooks';
import type { Appointment, Staff } from '../../shared/domain/visit';
import { isUsable } from '../db/appointments';
import { db, type VisitRow } from '../db/schema';
import { normalizeQuery } from '../db/terms';
import { today } from './format';

export interface BoardData {
  expected: { appointment: Appointment; host: Staff | undefined }[];
  onSite: VisitRow[];
  left: VisitRow[];
}

/** Today's rows only: a day is a few hundred visits, so filtering them in memory is instant. */
export function useBoardData(): BoardData | undefined {
  return useLiveQuery(async () => {
    const day = today();
    const [visits, appointments, staff] = await Promise.all([
      db.visits.where('day').equals(day).toArray(),
      db.appointments.toArray(),
      db.staff.toArray(),
    ]);
    const byId = new Map(staff.map((s) => [s.id, s]));
    const byTime = (a: { signedInAt: string | null; createdAt: string }, b: { signedInAt: string | null; createdAt: string }): number =>
      (b.signedInAt ?? b.createdAt).localeCompare(a.signedInAt ?? a.createdAt);
    return {
      expected: appointments
        .filter((a) => isUsable(a, day))
        .sort((a, b) => a.expectedAt.localeCompare(b.expectedAt))
        .map((appointment) => ({ appointment, host: byId.get(appointment.hostId) })),
      // Held visitors are in the building's lobby: they count as present until admitted or refused.
      onSite: visits.filter((v) => v.state === 'onSite' || v.state === 'held').sort(byTime),
      left: visits.filter((v) => v.state === 'signedOut').sort((a, b) => (b.signedOutAt ?? '').localeCompare(a.signedOutAt ?? '')),
    };
  }, []);
}

function digits(s: string): string {
  return s.replace(/\D/g, '');
}

/** Name, company, the mobile's last four digits or the badge code. */
export function matches(q: string, v: { name: string; company: string; phone: string; badgeCode?: string; code?: string }): boolean {
  const n = normalizeQuery(q);
  if (!n) return true;
  const hay = [v.name, v.company, v.badgeCode ?? '', v.code ?? ''].map(normalizeQuery);
  if (hay.some((h) => h.includes(n))) return true;
  return /^\d{4}$/.test(n) && digits(v.phone).endsWith(n);
}
