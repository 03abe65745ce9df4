/**
 * Read-only look-ups the kiosk needs. Writes stay in visits.ts (outbox);
 * these only read, and they return no more of another person's data than the
 * kiosk may show.
 */
import type { Appointment, Staff } from '../../shared/domain/visit';
import { checkMobile } from '../../shared/phone';
import { isUsable } from './appointments';
import { db } from './schema';
import { localDay } from './terms';

/** A usable appointment for a code typed or scanned at the kiosk, with its host; null otherwise. */
export async function findUsableAppointment(code: string): Promise<{ appointment: Appointment; host: Staff } | null> {
  const normalized = code.normalize('NFKC').trim();
  if (!/^\d{6}$/.test(normalized)) return null;
  const appointment = await db.appointments.where('code').equals(normalized).first();
  if (!appointment || !isUsable(appointment, localDay(new Date()))) return null;
  const host = await db.staff.get(appointment.hostId);
  return host ? { appointment, host } : null;
}

/** The directory, loaded once per kiosk session for the host search (K12). */
export function loadStaff(): Promise<Staff[]> {
  return db.staff.toArray();
}

export interface ReturningVisitor {
  name: string;
  company: string;
  /** E.164, as stored; the kiosk shows it masked only. */
  phone: string;
}

/** The latest earlier visit with this mobile (R-V11), or null. */
export async function findReturningByPhone(typed: string): Promise<ReturningVisitor | null> {
  const m = checkMobile(typed);
  if (!m.ok) return null;
  const visits = await db.visits.where('phone').equals(m.value).toArray();
  const latest = visits.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
  return latest ? { name: latest.name, company: latest.company, phone: latest.phone } : null;
}
