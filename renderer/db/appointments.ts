import type { Appointment, VisitCategory, IdType } from '../../shared/domain/visit';
import { meetsVipLeadTime, type WorkCalendar } from '../../shared/working-days';
import { commit } from './commit';
import { db } from './schema';
import { newAppointmentCode, newId } from './ids';
import { localDay } from './terms';

export interface AppointmentInput {
  name: string;
  company: string;
  phone: string;
  idType: IdType;
  idNumber: string;
  category: VisitCategory;
  purpose: string;
  hostId: string;
  expectedAt: string;
  expectedEnd: string;
  vip: boolean;
  /** The emergency fast path for a VIP visit filed late: allowed, but logged as such (R-V2). */
  emergency: boolean;
  emergencyReason: string;
}

export type AppointmentProblem = 'vipLeadTime' | 'emergencyReason' | 'endBeforeStart';

export class AppointmentError extends Error {
  constructor(readonly problem: AppointmentProblem) {
    super(problem);
  }
}

async function uniqueCode(): Promise<string> {
  for (;;) {
    const code = newAppointmentCode();
    if (!(await db.appointments.where('code').equals(code).first())) return code;
  }
}

/**
 * Pre-registers a visit (R-V1). Ordinary visits need no approval; VIP visits
 * wait for the admin department's approval when filed ≥ 3 working days ahead,
 * otherwise only through the emergency path, which is recorded and raised as
 * an alert (R-V2).
 */
export async function createAppointment(input: AppointmentInput, actor: string, cal: WorkCalendar, now = new Date()): Promise<Appointment> {
  if (new Date(input.expectedEnd) <= new Date(input.expectedAt)) throw new AppointmentError('endBeforeStart');
  const onTime = meetsVipLeadTime(now, new Date(input.expectedAt), cal);
  if (input.vip && !onTime && !input.emergency) throw new AppointmentError('vipLeadTime');
  if (input.vip && !onTime && !input.emergencyReason.trim()) throw new AppointmentError('emergencyReason');
  const code = await uniqueCode();
  return commit(actor, async (w) => {
    const emergency = input.vip && !onTime;
    const appointment: Appointment = {
      id: newId(),
      code,
      name: input.name.trim(),
      company: input.company.trim(),
      phone: input.phone,
      idType: input.idType,
      idNumber: input.idNumber,
      category: input.category,
      purpose: input.purpose.trim(),
      hostId: input.hostId,
      expectedAt: input.expectedAt,
      expectedEnd: input.expectedEnd,
      vip: input.vip,
      approval: !input.vip ? 'notRequired' : emergency ? 'emergency' : 'pending',
      approvalNote: emergency ? input.emergencyReason.trim() : '',
      approvedBy: null,
      approvedAt: null,
      visitId: null,
      cancelled: false,
      createdBy: actor,
      createdAt: w.now,
      updatedAt: w.now,
    };
    await w.put('appointments', appointment);
    await w.audit(emergency ? 'appointment.vipEmergency' : 'appointment.create', 'appointment', appointment.id, appointment.approvalNote);
    if (emergency) {
      await w.put('alerts', { id: newId(), kind: 'vipEmergency', visitId: appointment.id, detail: appointment.approvalNote, createdAt: w.now, ackAt: null, ackBy: null, updatedAt: w.now });
    }
    return appointment;
  });
}

export async function decideApproval(id: string, approve: boolean, actor: string, note: string): Promise<Appointment> {
  return commit(actor, async (w) => {
    const a = await db.appointments.get(id);
    if (!a) throw new Error(`Unknown appointment ${id}`);
    const next: Appointment = { ...a, approval: approve ? 'approved' : 'rejected', approvedBy: actor, approvedAt: w.now, approvalNote: note || a.approvalNote, updatedAt: w.now };
    await w.put('appointments', next);
    await w.audit(approve ? 'appointment.approve' : 'appointment.reject', 'appointment', id, note);
    return next;
  });
}

export async function cancelAppointment(id: string, actor: string): Promise<void> {
  await commit(actor, async (w) => {
    const a = await db.appointments.get(id);
    if (!a) return;
    await w.put('appointments', { ...a, cancelled: true, updatedAt: w.now });
    await w.audit('appointment.cancel', 'appointment', id);
  });
}

/** Whether an appointment lets the visitor sign in at the kiosk now. */
export function isUsable(a: Appointment, today: string): boolean {
  // Local calendar days: at UTC+8 an 07:30 visit is on the previous UTC day.
  return !a.cancelled && !a.visitId && localDay(a.expectedAt) <= today && localDay(a.expectedEnd) >= today &&
    (a.approval === 'notRequired' || a.approval === 'approved' || a.approval === 'emergency');
}
