/**
 * The switchboard's stored records (R-C1…R-C9, R-O3): calls as the console
 * keeps them (the PBX record plus what the desk did about it), lines no format
 * understood, messages taken for staff, tenants, emergency numbers, tariffs
 * and PBX faults. Each is a row of a synced Dexie table.
 */
import { z } from 'zod';
import { callRecordSchema } from './call';

const isoTime = z.iso.datetime({ offset: true });

export const CALLBACK_OUTCOMES = ['calledBack', 'noAnswer', 'resolved'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export const callbackAttemptSchema = z.object({
  at: isoTime,
  by: z.string(),
  outcome: z.enum(CALLBACK_OUTCOMES),
  note: z.string().max(500),
});
export type CallbackAttempt = z.infer<typeof callbackAttemptSchema>;

/**
 * A call as stored: the journal's id and sequence, when it arrived, the local
 * day it belongs to, and the call-back state of a missed incoming call.
 * `callback` is absent for calls that need none, so the index holds only
 * those that do.
 */
export const storedCallSchema = callRecordSchema.extend({
  id: z.string(),
  seq: z.number().int().nonnegative(),
  receivedAt: isoTime,
  /** YYYY-MM-DD of the PBX's start time (or of arrival), for "today" and monthly bills. */
  day: z.string(),
  callback: z.enum(['open', 'done']).optional(),
  callbackLog: z.array(callbackAttemptSchema).optional(),
});
export type StoredCall = z.infer<typeof storedCallSchema>;

/** A journal line no format understood: kept with its raw text and shown, never dropped (R-C1). */
export const smdrLineSchema = z.object({
  id: z.string(),
  seq: z.number().int().nonnegative(),
  receivedAt: isoTime,
  raw: z.string(),
  reason: z.string().nullable(),
});
export type SmdrLine = z.infer<typeof smdrLineSchema>;

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const DELIVERY_WAYS = ['phone', 'inPerson', 'wecom', 'sms', 'note'] as const;
export type DeliveryWay = (typeof DELIVERY_WAYS)[number];

/** A message taken for a staff member (电话记录, R-C6); undelivered while `deliveredAt` is null. */
export const phoneMessageSchema = z.object({
  id: z.string(),
  createdAt: isoTime,
  takenBy: z.string(),
  callerName: z.string().max(64),
  callerNumber: z.string().max(32),
  forStaffId: z.string(),
  forName: z.string(),
  forDept: z.string(),
  forExt: z.string(),
  content: z.string().min(1).max(1000),
  urgency: z.enum(URGENCIES),
  /** Indexed state, since IndexedDB cannot index null. */
  state: z.enum(['open', 'delivered']),
  deliveredAt: isoTime.nullable(),
  deliveredBy: z.string().nullable(),
  deliveredHow: z.enum(DELIVERY_WAYS).nullable(),
  deliveryNote: z.string().max(500),
});
export type PhoneMessage = z.infer<typeof phoneMessageSchema>;

/** A tenant of the building (R-C8): names in both languages, its unit, contacts and extensions. */
export const tenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  /** Pinyin of the Chinese name's leading word and its initials, for search. */
  pinyin: z.string(),
  initials: z.string(),
  unit: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  emergencyName: z.string(),
  emergencyPhone: z.string(),
  exts: z.array(z.string()),
  updatedAt: isoTime,
});
export type Tenant = z.infer<typeof tenantSchema>;

export const NUMBER_KINDS = ['emergency', 'duty', 'common'] as const;
export const emergencyNumberSchema = z.object({
  id: z.string(),
  kind: z.enum(NUMBER_KINDS),
  name: z.string(),
  nameEn: z.string(),
  number: z.string(),
  order: z.number().int(),
});
export type EmergencyNumber = z.infer<typeof emergencyNumberSchema>;

export const TARIFF_UNITS = ['minute', 'sixSeconds'] as const;
export type TariffUnit = (typeof TARIFF_UNITS)[number];
/** A dialled-number prefix and its rate (R-C9): per started minute or per started 6 s, plus a connection fee. */
export const tariffSchema = z.object({
  id: z.string(),
  prefix: z.string().regex(/^\d*$/),
  label: z.string().max(40),
  /** Yuan per minute (also for 6-second billing, which charges a tenth per step). */
  ratePerMinute: z.number().nonnegative(),
  unit: z.enum(TARIFF_UNITS),
  connectionFee: z.number().nonnegative(),
});
export type Tariff = z.infer<typeof tariffSchema>;

/** An operator's record of a PBX fault (R-O3). */
export const pbxFaultSchema = z.object({
  id: z.string(),
  at: isoTime,
  recordedAt: isoTime,
  by: z.string(),
  what: z.string().min(1).max(500),
});
export type PbxFault = z.infer<typeof pbxFaultSchema>;
