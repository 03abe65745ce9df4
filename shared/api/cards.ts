/**
 * IDC identity cards (R-K1–R-K5, R-P5, R-X3). The main side owns the encoder,
 * the access-system upload, the revocation mail and the export files; the
 * renderer owns the records (Dexie) and the audit chain, and calls these to
 * do what a browser cannot: HID, SMTP, HTTP to the access system, XLSX.
 */
import { z } from 'zod';
import { event, method } from '../api-core';

const CARD_ROLES = ['cards', 'console'] as const;

/** Kept in step with hardware/card/errors.ts CARD_DEVICE_ERROR_CODES (a unit test checks). */
export const CARD_ERROR_CODES = [
  'noCard',
  'writeError',
  'readError',
  'cardPulled',
  'unplugged',
  'timeout',
  'verifyMismatch',
  'deviceError',
  'notFound',
  'invalidData',
] as const;
export type CardErrorCode = (typeof CARD_ERROR_CODES)[number];

export const ENCODER_CHOICES = ['emulator', 'msr605x', 'em4100Writer'] as const;
export type EncoderChoice = (typeof ENCODER_CHOICES)[number];
/** The emulator speaks both media; the desk picks which one the demo card is. */
export const EMULATED_MEDIA = ['msr605x', 'em4100Writer'] as const;
export const SIM_FAULTS = [
  'none',
  'noCard',
  'writeError',
  'cardPulled',
  'unplugged',
  'mismatch',
] as const;
export type SimFault = (typeof SIM_FAULTS)[number];

const isoTime = z.iso.datetime({ offset: true });

export const cardSettingsSchema = z
  .object({
    encoder: z.enum(ENCODER_CHOICES),
    emulatedMedium: z.enum(EMULATED_MEDIA),
    /** Seconds the encoder waits for a card to be presented. */
    presentSeconds: z.number().int().min(2).max(120),
    /** Access system's REST endpoint for uploads; '' = file export only. */
    webhookUrl: z
      .string()
      .max(500)
      .regex(/^$|^https?:\/\//, 'an http:// or https:// address'),
    smtpHost: z.string().max(200),
    smtpPort: z.number().int().min(1).max(65535),
    mailFrom: z.string().max(200),
    /** The systems department (系统部): who receives the cancellation mail. */
    revokeRecipients: z.array(z.email()).max(20),
    /** The card printer (R-K3), an IPP queue such as ipp://localhost:631/printers/Evolis; '' = none, the card is not printed. */
    cardPrinterUri: z
      .string()
      .max(300)
      .regex(/^$|^ipps?:\/\//, 'an ipp:// or ipps:// address')
      .default(''),
  })
  .strict();
export type CardSettings = z.infer<typeof cardSettingsSchema>;

/** What the encoder writes: tracks for a magnetic card, the 40-bit id for a 125 kHz card. */
export const cardPayloadSchema = z.discriminatedUnion('medium', [
  z
    .object({
      medium: z.literal('msr605x'),
      track1: z.string().max(79),
      track2: z.string().max(40),
      track3: z.string().max(107),
    })
    .strict(),
  z
    .object({
      medium: z.literal('em4100Writer'),
      customer: z.number().int().min(0).max(255),
      id: z.number().int().min(0).max(0xffffffff),
    })
    .strict(),
]);
export type CardPayload = z.infer<typeof cardPayloadSchema>;

export const encodeResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    read: cardPayloadSchema,
    device: z.string(),
    verifiedAt: isoTime,
  }),
  z.object({
    ok: z.literal(false),
    code: z.enum(CARD_ERROR_CODES),
    message: z.string(),
    device: z.string(),
  }),
]);
export type EncodeResult = z.infer<typeof encodeResultSchema>;

export const encoderStatusSchema = z.object({
  choice: z.enum(ENCODER_CHOICES),
  medium: z.enum(EMULATED_MEDIA),
  state: z.enum(['simulated', 'connected', 'disconnected']),
  product: z.string(),
  fault: z.enum(SIM_FAULTS),
});
export type EncoderStatus = z.infer<typeof encoderStatusSchema>;

/** One holder's line in the access system's import layout. */
export const accessHolderSchema = z
  .object({
    /** The hub's card number (`KA-…`, or `P-…` before sync): what the desk and the customer call the card. */
    cardNumber: z.string().min(1).max(32),
    /**
     * The credential id the door readers see (IdCard.encoded: track 2 or the
     * EM4100 id). The access system opens doors on this, not on `cardNumber`,
     * which the hub may change after the card was encoded.
     */
    credentialId: z.string().min(1).max(40),
    holderName: z.string().min(1).max(64),
    company: z.string().max(128),
    idNumber: z.string().max(32),
    phone: z.string().max(32),
    areas: z.string().max(200),
    validFrom: z.iso.date(),
    validTo: z.iso.date(),
    action: z.enum(['add', 'delete']),
  })
  .strict();
export type AccessHolder = z.infer<typeof accessHolderSchema>;

export const uploadResultSchema = z.object({
  ok: z.boolean(),
  /** HTTP status, 0 when the system could not be reached. */
  status: z.number().int(),
  /** The access system's answer (body, trimmed), or why it could not be reached. */
  answer: z.string(),
  at: isoTime,
});
export type UploadResult = z.infer<typeof uploadResultSchema>;

export const revocationMailSchema = z
  .object({
    cardNumber: z.string().min(1).max(32),
    /** What the access system knows the card by (IdCard.encoded): systems cancels this. */
    credentialId: z.string().min(1).max(40),
    holderName: z.string().min(1).max(64),
    company: z.string().max(128),
    reason: z.enum(['cancel', 'lost']),
    requestedBy: z.string().min(1).max(64),
    requestedAt: isoTime,
    sentBy: z.string().min(1).max(64),
    locale: z.enum(['zh-CN', 'en']),
  })
  .strict();
export type RevocationMail = z.infer<typeof revocationMailSchema>;

export const evidenceRowSchema = z.object({
  kind: z.enum(['visitor', 'workVisit', 'cardHolder']),
  name: z.string(),
  company: z.string(),
  areas: z.string(),
  work: z.string(),
  approver: z.string(),
  escort: z.string(),
  credential: z.string(),
  timeIn: z.string(),
  timeOut: z.string(),
});
export type EvidenceRow = z.infer<typeof evidenceRowSchema>;

/** What the card printer prints on the card face (hardware/printer/card-face.ts). */
export const cardPrintSchema = z
  .object({
    cardId: z.string().min(1).max(64),
    holderName: z.string().min(1).max(64),
    company: z.string().max(128),
    cardNumber: z.string().min(1).max(32),
    validFrom: z.iso.date(),
    validTo: z.iso.date(),
    photo: z
      .string()
      .max(1_400_000)
      .regex(/^data:image\/(png|jpeg);base64,/, 'a PNG or JPEG photo')
      .nullable(),
    requestedBy: z.string().min(1).max(64),
  })
  .strict();
export type CardPrint = z.infer<typeof cardPrintSchema>;

const fileResponse = z.object({ csv: z.string(), xlsxBase64: z.string() });
const empty = z.object({}).strict();

export const CARD_METHODS = {
  /** Encodes, reads back and compares; a failed verify comes back as `ok: false` and never counts as made. */
  'cards:encode': method(cardPayloadSchema, encodeResultSchema, CARD_ROLES),
  'cards:read': method(empty, encodeResultSchema, CARD_ROLES),
  'cards:status': method(empty, encoderStatusSchema, CARD_ROLES),
  /** Demo and tests only: refused unless the encoder is the emulator. */
  'cards:simulateFault': method(
    z.object({ fault: z.enum(SIM_FAULTS) }).strict(),
    encoderStatusSchema,
    CARD_ROLES,
  ),
  'cards:getSettings': method(empty, cardSettingsSchema, CARD_ROLES),
  'cards:updateSettings': method(cardSettingsSchema, cardSettingsSchema, CARD_ROLES),
  /** The access system's import file (CSV and XLSX) for these holders. */
  'cards:exportAccess': method(
    z.object({ holders: z.array(accessHolderSchema).max(5000) }).strict(),
    fileResponse,
    CARD_ROLES,
  ),
  /** POSTs the holders to the access system's webhook; the answer is recorded whether it succeeded or not. */
  'cards:upload': method(
    z.object({ holders: z.array(accessHolderSchema).min(1).max(500) }).strict(),
    uploadResultSchema,
    CARD_ROLES,
  ),
  /** Queues the card face on the card printer (the badge print queue); refused with noCardPrinter when none is set. */
  'cards:printCard': method(
    cardPrintSchema,
    z.object({ jobId: z.string(), printer: z.string() }),
    CARD_ROLES,
  ),
  /** A card print job's state, and the reason in words when it failed. */
  'cards:printJob': method(
    z.object({ jobId: z.string().min(1).max(64) }).strict(),
    z.object({
      state: z.enum(['queued', 'printing', 'done', 'failed', 'unknown']),
      message: z.string(),
    }),
    CARD_ROLES,
  ),
  /** The access system's XLSX door-event log as rows of text (R-P5); the renderer parses and stores them. */
  'cards:readDoorLog': method(
    z.object({ xlsxBase64: z.string().max(30_000_000) }).strict(),
    z.object({ rows: z.array(z.array(z.string())) }),
    CARD_ROLES,
  ),
  'cards:sendRevocationMail': method(
    revocationMailSchema,
    z.object({ sentAt: isoTime, messageId: z.string(), recipients: z.array(z.string()) }),
    CARD_ROLES,
  ),
  'cards:exportEvidence': method(
    z
      .object({
        from: z.iso.date(),
        to: z.iso.date(),
        rows: z.array(evidenceRowSchema).max(200_000),
      })
      .strict(),
    fileResponse,
    CARD_ROLES,
  ),
  /** The same rows as an A4 landscape PDF (headless Chromium); at most 20,000 rows, a PDF past that is unreadable. */
  'cards:exportEvidencePdf': method(
    z
      .object({
        from: z.iso.date(),
        to: z.iso.date(),
        rows: z.array(evidenceRowSchema).max(20_000),
      })
      .strict(),
    z.object({ pdfBase64: z.string() }),
    CARD_ROLES,
  ),
} as const;

export const CARD_EVENTS = {
  'cards:deviceChanged': event(encoderStatusSchema, CARD_ROLES),
} as const;
