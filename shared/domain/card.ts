/**
 * IDC identity cards (IDC身份校验卡, R-K1–R-K5) and machine-room work visits
 * (R-P4): the records the desk keeps in Dexie. A card is made from an
 * application (申请表) that carries the customer's letter of introduction
 * (单位介绍信); it is uploaded (上传) to the access system and cancelled
 * (注销) by mail to the systems department (系统部).
 */
import { z } from 'zod';
import { ID_TYPES } from './visit';

const isoTime = z.iso.datetime({ offset: true });

export const APPLICATION_STATES = ['submitted', 'made', 'withdrawn'] as const;
export const CARD_STATES = [
  'made',
  'uploaded',
  'revokeRequested',
  'revokeMailed',
  'revoked',
] as const;
export type CardState = (typeof CARD_STATES)[number];
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/**
 * A card's life (R-K2–R-K4) as the desk walks it (renderer/cards/card-life.ts).
 * The hub refuses a synced change outside these tables, so a revoked card is
 * never made live again by a desk that was offline.
 */
export const CARD_TRANSITIONS: Readonly<Record<CardState, readonly CardState[]>> = {
  made: ['uploaded', 'revokeRequested'],
  uploaded: ['revokeRequested'],
  revokeRequested: ['revokeMailed'],
  revokeMailed: ['revoked'],
  revoked: [],
};

export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationState, readonly ApplicationState[]>> = {
  submitted: ['made', 'withdrawn'],
  made: [],
  withdrawn: [],
};

export function canCardTransition(from: CardState, to: CardState): boolean {
  return from === to || CARD_TRANSITIONS[from].includes(to);
}

export function canApplicationTransition(from: ApplicationState, to: ApplicationState): boolean {
  return from === to || APPLICATION_TRANSITIONS[from].includes(to);
}

/**
 * Whether what a keyboard-wedge reader typed is this card's credential id.
 * Readers differ in what they type: a stripe reader sends track 2 with or
 * without its sentinels (`;…?`), or only the number before `=`; a 125 kHz
 * reader sends the 10 hex digits, or the low 32 bits as 10 decimal digits
 * (the common "10H/10D" outputs). The hub's card number is never on the card.
 */
export function credentialMatches(card: Pick<IdCard, 'medium' | 'encoded'>, typed: string): boolean {
  const t = typed.trim().replace(/^;/, '').replace(/\?$/, '').toUpperCase();
  if (t === '') return false;
  const encoded = card.encoded.toUpperCase();
  if (t === encoded) return true;
  if (card.medium === 'msr605x') return t === encoded.split('=')[0];
  if (!/^[0-9A-F]{10}$/.test(encoded)) return false;
  const low = parseInt(encoded.slice(2), 16);
  return /^\d{1,10}$/.test(t) && Number(t) === low;
}

export const REVOKE_REASONS = ['cancel', 'lost'] as const;
export const CARD_MEDIA = ['msr605x', 'em4100Writer'] as const;

export const letterSchema = z.object({
  name: z.string().max(200),
  type: z
    .string()
    .regex(/^(image\/(png|jpeg|webp)|application\/pdf)$/, 'a scan (PNG/JPEG/WebP) or a PDF'),
  /** Data URL of the scan; 8 MB is a phone photo of one page with room to spare. */
  dataUrl: z.string().max(11_000_000),
});
export type Letter = z.infer<typeof letterSchema>;

export const cardApplicationSchema = z.object({
  id: z.string(),
  company: z.string().min(1).max(128),
  holderName: z.string().min(1).max(64),
  idType: z.enum(ID_TYPES),
  idNumber: z.string().min(1).max(32),
  phone: z.string().min(1).max(32),
  areas: z.string().min(1).max(200),
  validFrom: z.iso.date(),
  validTo: z.iso.date(),
  salesRep: z.string().min(1).max(64),
  letter: letterSchema,
  /**
   * The holder's photo for the printed card (R-K3), optional: a PNG or JPEG
   * data URL of at most 1 MB (1.4 M characters as base64). Default null, so
   * replicas and hub rows written before it still parse.
   */
  photo: z
    .string()
    .max(1_400_000)
    .regex(/^data:image\/(png|jpeg);base64,/, 'a PNG or JPEG photo')
    .nullable()
    .default(null),
  state: z.enum(APPLICATION_STATES),
  createdAt: isoTime,
  createdBy: z.string(),
  updatedAt: isoTime,
});
export type CardApplication = z.infer<typeof cardApplicationSchema>;

export const cardSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  /** `P-…` until the hub confirms a final number (sync); the hub's number replaces it. */
  number: z.string(),
  numberFinal: z.boolean(),
  medium: z.enum(CARD_MEDIA),
  /**
   * The credential id (卡内号): what the stripe or tag holds, as read back —
   * track 2, or the EM4100 id in hex. It is written at the desk from the
   * provisional number and never changes when the hub replaces `number`, so it
   * is what the access system must know to open a door (see credentialMatches).
   */
  encoded: z.string(),
  holderName: z.string(),
  company: z.string(),
  idType: z.enum(ID_TYPES),
  idNumber: z.string(),
  phone: z.string(),
  areas: z.string(),
  validFrom: z.iso.date(),
  validTo: z.iso.date(),
  salesRep: z.string(),
  state: z.enum(CARD_STATES),
  device: z.string(),
  madeAt: isoTime,
  madeBy: z.string(),
  uploadedAt: isoTime.nullable(),
  uploadedBy: z.string().nullable(),
  uploadAnswer: z.string().nullable(),
  revokeReason: z.enum(REVOKE_REASONS).nullable(),
  revokeRequestedBy: z.string().nullable(),
  revokeRequestedAt: isoTime.nullable(),
  revokeMailAt: isoTime.nullable(),
  revokeMailBy: z.string().nullable(),
  revokeMailTo: z.string().nullable(),
  revokeConfirmedAt: isoTime.nullable(),
  revokeConfirmedBy: z.string().nullable(),
  updatedAt: isoTime,
});
export type IdCard = z.infer<typeof cardSchema>;

export const UPLOAD_STATES = ['pending', 'done', 'failed'] as const;
export const cardUploadSchema = z.object({
  id: z.string(),
  cardId: z.string(),
  cardNumber: z.string(),
  action: z.enum(['add', 'delete']),
  via: z.enum(['webhook', 'file']),
  state: z.enum(UPLOAD_STATES),
  attempts: z.number().int().nonnegative(),
  lastStatus: z.number().int().nullable(),
  lastAnswer: z.string(),
  lastAt: isoTime.nullable(),
  by: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type CardUpload = z.infer<typeof cardUploadSchema>;

export const WORK_VISIT_STATES = ['approved', 'inRoom', 'done'] as const;
export type WorkVisitState = (typeof WORK_VISIT_STATES)[number];
export const WORK_VISIT_TRANSITIONS: Readonly<Record<WorkVisitState, readonly WorkVisitState[]>> = {
  approved: ['inRoom'],
  inRoom: ['done'],
  done: [],
};
export const equipmentItemSchema = z.object({
  name: z.string().min(1).max(100),
  /** Ticked when the item is seen leaving with the visitor. */
  checkedOut: z.boolean(),
  /** Why an item is not leaving (installed in a rack, handed over): explains a missing tick. */
  note: z.string().max(200),
});
export type EquipmentItem = z.infer<typeof equipmentItemSchema>;

export const workVisitSchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(64),
  company: z.string().max(128),
  work: z.string().min(1).max(300),
  areas: z.string().min(1).max(200),
  approver: z.string().min(1).max(64),
  approvedAt: isoTime,
  escort: z.string().min(1).max(64),
  credential: z.string().max(64),
  equipment: z.array(equipmentItemSchema).max(100),
  state: z.enum(WORK_VISIT_STATES),
  timeIn: isoTime.nullable(),
  timeOut: isoTime.nullable(),
  completedBy: z.string().nullable(),
  createdAt: isoTime,
  createdBy: z.string(),
  updatedAt: isoTime,
});
export type WorkVisit = z.infer<typeof workVisitSchema>;

/** Items that block completion: not ticked out and not explained. */
export function unexplainedEquipment(v: Pick<WorkVisit, 'equipment'>): EquipmentItem[] {
  return v.equipment.filter((e) => !e.checkedOut && e.note.trim() === '');
}

export const cardAuditSchema = z.object({
  id: z.string(),
  /** One chain per desk (its sync client id): two desks never race for the same link. */
  chain: z.string(),
  seq: z.number().int().positive(),
  at: isoTime,
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  detail: z.string(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CardAuditEntry = z.infer<typeof cardAuditSchema>;
