import { z } from 'zod';

/** Visit categories (来访类别); the ones with an NDA must sign before entry. */
export const VISIT_CATEGORIES = ['business', 'interview', 'delivery', 'contractor', 'machineRoom'] as const;
export type VisitCategory = (typeof VISIT_CATEGORIES)[number];

/** Categories whose visitors sign the confidentiality agreement (签署保密协议). */
export const NDA_CATEGORIES: ReadonlySet<VisitCategory> = new Set(['contractor', 'machineRoom']);

/** Categories that must be escorted (专人陪同) in office and machine-room areas (R-V6). */
export const ESCORT_CATEGORIES: ReadonlySet<VisitCategory> = new Set([
  'business',
  'interview',
  'contractor',
  'machineRoom',
]);

export const ID_TYPES = ['resident', 'passport'] as const;
export type IdType = (typeof ID_TYPES)[number];

/**
 * A visit's life. `held` is a kiosk sign-in stopped by the watch list or
 * needing the desk; `refused` is the desk turning the visitor away.
 */
export const VISIT_STATES = ['expected', 'held', 'onSite', 'signedOut', 'cancelled', 'refused'] as const;
export type VisitState = (typeof VISIT_STATES)[number];

const TRANSITIONS: Record<VisitState, readonly VisitState[]> = {
  expected: ['held', 'onSite', 'cancelled'],
  held: ['onSite', 'refused'],
  onSite: ['signedOut'],
  // A signed-out visit stays signed out (architecture.md, "Conflicts").
  signedOut: [],
  cancelled: [],
  refused: [],
};

export function canTransition(from: VisitState, to: VisitState): boolean {
  return TRANSITIONS[from].includes(to);
}

export class VisitTransitionError extends Error {
  readonly code = 'visit.transition';
  constructor(
    readonly from: VisitState,
    readonly to: VisitState,
  ) {
    super(`A visit cannot go from ${from} to ${to}`);
  }
}

export function assertTransition(from: VisitState, to: VisitState): void {
  if (!canTransition(from, to)) throw new VisitTransitionError(from, to);
}

export const SIGN_OUT_REASONS = ['visitor', 'desk', 'dayEnd'] as const;
export type SignOutReason = (typeof SIGN_OUT_REASONS)[number];

const isoTime = z.iso.datetime({ offset: true });

export const visitSchema = z.object({
  id: z.string(),
  visitorId: z.string(),
  name: z.string().min(1).max(64),
  company: z.string().max(128),
  phone: z.string(),
  idType: z.enum(ID_TYPES),
  idNumber: z.string(),
  category: z.enum(VISIT_CATEGORIES),
  purpose: z.string().max(200),
  hostId: z.string(),
  hostName: z.string(),
  hostDept: z.string(),
  hostExt: z.string(),
  state: z.enum(VISIT_STATES),
  badgeCode: z.string(),
  escortRequired: z.boolean(),
  appointmentId: z.string().nullable(),
  expectedAt: isoTime.nullable(),
  expectedEnd: isoTime.nullable(),
  signedInAt: isoTime.nullable(),
  signedInBy: z.string().nullable(),
  signedOutAt: isoTime.nullable(),
  signedOutBy: z.string().nullable(),
  signOutReason: z.enum(SIGN_OUT_REASONS).nullable(),
  ndaSignedAt: isoTime.nullable(),
  ndaSignature: z.string().nullable(),
  photo: z.string().nullable(),
  surveyScore: z.number().int().min(1).max(5).nullable(),
  surveyComment: z.string().max(500).nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Visit = z.infer<typeof visitSchema>;

export const APPROVAL_STATES = ['notRequired', 'pending', 'approved', 'rejected', 'emergency'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const appointmentSchema = z.object({
  id: z.string(),
  code: z.string().regex(/^\d{6}$/),
  name: z.string().min(1).max(64),
  company: z.string().max(128),
  phone: z.string(),
  idType: z.enum(ID_TYPES),
  idNumber: z.string(),
  category: z.enum(VISIT_CATEGORIES),
  purpose: z.string().max(200),
  hostId: z.string(),
  expectedAt: isoTime,
  expectedEnd: isoTime,
  vip: z.boolean(),
  approval: z.enum(APPROVAL_STATES),
  approvalNote: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: isoTime.nullable(),
  visitId: z.string().nullable(),
  cancelled: z.boolean(),
  createdBy: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const staffSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  /** Full pinyin without tones or spaces ("zhangsan") and initials ("zs"), for search. */
  pinyin: z.string(),
  initials: z.string(),
  dept: z.string(),
  deptEn: z.string(),
  ext: z.string(),
  mobile: z.string(),
  email: z.string(),
  updatedAt: isoTime,
});
export type Staff = z.infer<typeof staffSchema>;

export const WATCH_LEVELS = ['deny', 'watch'] as const;
export type WatchLevel = (typeof WATCH_LEVELS)[number];

export const watchEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  level: z.enum(WATCH_LEVELS),
  reason: z.string().min(1),
  addedBy: z.string(),
  active: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type WatchEntry = z.infer<typeof watchEntrySchema>;

export const ALERT_KINDS = [
  'hostNotify',
  'watchHit',
  'vipEmergency',
  'overstay',
  // passes: a handover sheet that does not match (visitId = sheet id), a 09:00 check not done (visitId = the day)
  'passMismatch',
  'passCheckOverdue',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const alertSchema = z.object({
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  visitId: z.string(),
  /** What the desk needs to see: for a watch hit the reason, for a host notice the extension. */
  detail: z.string(),
  createdAt: isoTime,
  ackAt: isoTime.nullable(),
  ackBy: z.string().nullable(),
  updatedAt: isoTime,
});
export type Alert = z.infer<typeof alertSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: isoTime,
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
