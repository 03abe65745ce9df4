/**
 * Badge printing (R-V6, R-X3, ux.md K4/K14/B1–B6). The main side owns the
 * print queue and the printer; the renderer asks for a badge and returns at
 * once (nothing blocks the sign-in), then follows the job by its events.
 */
import { z } from 'zod';
import { event, method } from '../api-core';
import { PASS_NUMBER } from '../domain/pass';
import { VISIT_CATEGORIES } from '../domain/visit';

/** Kept in step with hardware/printer/media.ts MEDIUM_IDS (a unit test checks). */
export const BADGE_MEDIA = ['ql62x100', 'ql62', 'dymo54x101', 'cr80'] as const;
export const PRINT_JOB_STATES = ['queued', 'printing', 'done', 'failed'] as const;
/** Kept in step with hardware/printer/errors.ts PRINTER_ERROR_CODES. */
export const PRINT_ERROR_CODES = ['offline', 'mediaEmpty', 'rejected', 'timeout', 'render'] as const;
export type PrintErrorCode = (typeof PRINT_ERROR_CODES)[number];

const isoTime = z.iso.datetime({ offset: true });

/** The visit fields a badge shows; the main side words and lays them out. */
export const badgeRequestSchema = z
  .object({
    visitId: z.string().min(1).max(64),
    name: z.string().min(1).max(64),
    company: z.string().max(128),
    hostName: z.string().max(64),
    hostDept: z.string().max(64),
    category: z.enum(VISIT_CATEGORIES),
    escortRequired: z.boolean(),
    badgeCode: z.string().min(1).max(32),
    signedInAt: isoTime.nullable(),
    expectedEnd: isoTime.nullable(),
    createdAt: isoTime,
    /** Data URL; the template refuses anything but an image. */
    photo: z.string().max(2_000_000).nullable(),
    /** Machine-room pass number when one is issued (R-P1, ux.md B4). */
    passNumber: z.string().max(16).nullable(),
    /** Who asked: "kiosk" or the desk operator (the console's reprint). */
    requestedBy: z.string().min(1).max(64),
  })
  .strict();
export type BadgeRequest = z.infer<typeof badgeRequestSchema>;

export const printJobSchema = z.object({
  id: z.string(),
  visitId: z.string(),
  visitorName: z.string(),
  badgeCode: z.string(),
  passNumber: z.string().nullable(),
  medium: z.enum(BADGE_MEDIA),
  state: z.enum(PRINT_JOB_STATES),
  attempts: z.number().int().nonnegative(),
  /** The code the UI translates; the message is the English fallback. */
  error: z.object({ code: z.enum(PRINT_ERROR_CODES), message: z.string() }).nullable(),
  /** When the queue will try again by itself; null when it waits for a reprint. */
  retryAt: isoTime.nullable(),
  /** Where the PDF went: a file in dataDir/badges for the simulated printer, else the printer. */
  destination: z.string(),
  requestedBy: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type PrintJobView = z.infer<typeof printJobSchema>;

export const jobStateSchema = z.object({
  id: z.string(),
  state: z.enum(PRINT_JOB_STATES),
  errorCode: z.enum(PRINT_ERROR_CODES).nullable(),
});
export type JobState = z.infer<typeof jobStateSchema>;

/** system: the OS print path of the desktop app (Electron main process, silent, named printer). */
export const PRINTER_OUTPUTS = ['pdfOnly', 'ipp', 'zpl', 'system'] as const;

/** An IANA zone Intl knows ("Asia/Shanghai"); '' = the desk computer's own zone. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    if (tz === '') return true;
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Asia/Shanghai');

export const printingSettingsSchema = z
  .object({
    /** pdfOnly: the simulated printer, PDFs into dataDir/badges (demo mode). */
    output: z.enum(PRINTER_OUTPUTS),
    ippUri: z.string().max(300).regex(/^$|^ipps?:\/\//, 'an ipp:// or ipps:// address'),
    zplHost: z.string().max(200),
    zplPort: z.number().int().min(1).max(65535),
    medium: z.enum(BADGE_MEDIA),
    /** The OS printer's system name for output `system` (hardware.md 3.1: not the friendly name). */
    systemPrinter: z.string().max(200).default(''),
    /** Zone the badge's times are written in; '' = the system zone. */
    timeZone: timeZoneSchema.default(''),
    /** The relay for the handover-sheet escalation mail (R-P3); '' = mail not configured. */
    smtpHost: z.string().max(200).default(''),
    smtpPort: z.number().int().min(1).max(65535).default(25),
    mailFrom: z.string().max(200).default('frontdesk@localhost'),
    /** Supervisors told at once when a handover sheet does not match (R-P3). */
    supervisorRecipients: z.array(z.email()).max(20).default([]),
  })
  .strict();
export type PrintingSettings = z.infer<typeof printingSettingsSchema>;
/** What a caller may send: fields added later have defaults, so older clients and tests keep working. */
export type PrintingSettingsInput = z.input<typeof printingSettingsSchema>;

/**
 * The badge printer's entry of `devices:status`. Same shape as shared/api.ts
 * deviceStatusSchema, declared here because api.ts imports this file (a cycle
 * would leave that schema undefined while this one is built).
 */
export const printerStatusSchema = z.object({
  kind: z.literal('badgePrinter'),
  state: z.enum(['absent', 'simulated', 'connected', 'disconnected']),
  /** '' when fine, else the PrintErrorCode that explains it (offline, mediaEmpty). */
  detail: z.string(),
});

export const discoveredQueueSchema = z.object({ name: z.string(), uri: z.string() });

const passNumbers = z.array(z.string().regex(PASS_NUMBER)).max(1000);

/** A signed handover sheet that does not match, as the supervisor's mail tells it (R-P3). */
export const escalationMailSchema = z
  .object({
    sheetId: z.string().min(1).max(64),
    day: z.iso.date(),
    /** The sheet's number as the desk knows it (provisional until the hub numbers it). */
    number: z.string().min(1).max(64),
    issuedNumbers: passNumbers,
    returnedNumbers: passNumbers,
    outNumbers: passNumbers,
    guardNumbers: passNumbers,
    missingAtGuard: passNumbers,
    unknownToDesk: passNumbers,
    explanation: z.string().trim().min(1).max(1000),
    receptionistName: z.string().trim().min(1).max(64),
    guardName: z.string().trim().min(1).max(64),
    signedAt: isoTime,
    sentBy: z.string().min(1).max(64),
    locale: z.enum(['zh-CN', 'en']),
  })
  .strict();
export type EscalationMail = z.infer<typeof escalationMailSchema>;

/** Not an error when mail is not set up: the console alert is then the only escalation. */
export const escalationMailResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('sent'), sentAt: isoTime, messageId: z.string(), recipients: z.array(z.string()) }),
  z.object({ status: z.literal('notConfigured') }),
  /** unreachable: the relay is down or unknown, tried again later; refused: the relay said no, the settings need a look. */
  z.object({ status: z.literal('failed'), reason: z.enum(['unreachable', 'refused']), detail: z.string() }),
]);
export type EscalationMailResult = z.infer<typeof escalationMailResultSchema>;

export const systemPrinterSchema = z.object({ name: z.string(), displayName: z.string(), description: z.string() });

export const PRINTING_METHODS = {
  /** Queues a badge and returns the job id at once. */
  'printing:printBadge': method(badgeRequestSchema, z.object({ jobId: z.string() }), ['kiosk', 'console']),
  /** Recent jobs, newest first (console only: they carry visitors' names). */
  'printing:jobs': method(z.object({ limit: z.number().int().min(1).max(500) }).strict(), z.array(printJobSchema), ['console']),
  /** One job's state, without names: what the kiosk needs for the visitor it just signed in. */
  'printing:jobState': method(z.object({ jobId: z.string().min(1).max(64) }).strict(), jobStateSchema.nullable(), ['kiosk', 'console']),
  /** Console reprint of a failed job: it goes back to the queue now. */
  'printing:retry': method(z.object({ jobId: z.string().min(1).max(64) }).strict(), printJobSchema, ['console']),
  'printing:status': method(z.object({}).strict(), printerStatusSchema, ['kiosk', 'console']),
  'printing:getSettings': method(z.object({}).strict(), printingSettingsSchema, ['console']),
  'printing:updateSettings': method(printingSettingsSchema, printingSettingsSchema, ['console']),
  /** Local CUPS queues (`lpstat`); `note` says why the list is empty when CUPS is absent. */
  'printing:discover': method(z.object({}).strict(), z.object({ queues: z.array(discoveredQueueSchema), note: z.string() }), ['console']),
  /** The desktop app's OS printers (main process); empty with a note in the browser build. */
  'printing:systemPrinters': method(z.object({}).strict(), z.object({ printers: z.array(systemPrinterSchema), note: z.string() }), ['console']),
  /**
   * R-P3 escalation mail for a mismatched handover sheet. Console only: the
   * handover is done there by the receptionist, the duty guard or the
   * supervisor (the services know windows, not users; the hub knows users).
   */
  'passes:sendEscalationMail': method(escalationMailSchema, escalationMailResultSchema, ['console']),
} as const;

export const PRINTING_EVENTS = {
  'printing:jobChanged': event(printJobSchema, ['console']),
  /** The lobby kiosk learns states only, never who else is printing. */
  'printing:jobState': event(jobStateSchema, ['kiosk']),
} as const;
