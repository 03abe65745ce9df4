/**
 * The switchboard's calls (R-C1…R-C9, R-O3). The main side owns the PBX link
 * and its raw journal; the renderer keeps calls in Dexie (so they sync) and
 * catches up after a restart by asking for everything after the last journal
 * sequence it stored — the journal is the source of truth, so a call logged
 * while no window was open is never lost, and the stable id means a re-read
 * never duplicates it.
 */
import { z } from 'zod';
import { event, method } from '../api-core';
import { callRecordSchema, DATE_ORDERS } from '../domain/call';

/**
 * The built-in record formats the settings offer (hardware/pbx/formats names
 * them; a unit test keeps the two lists equal), besides `auto` and `custom`.
 */
export const PBX_FORMAT_NAMES = ['panasonic', 'panasonic-ta', 'avaya-ipo', 'mitel', 'nec', 'asterisk', 'yeastar'] as const;
export const PBX_SOURCES = ['serial', 'tcpClient', 'tcpListener', 'simulator', 'off'] as const;

export const PBX_LINK_STATES = ['connected', 'silent', 'disconnected', 'off'] as const;

/** R-O3: what the console's status strip shows about the SMDR link. */
export const pbxStatusSchema = z.object({
  state: z.enum(PBX_LINK_STATES),
  /** When the link entered this state (ISO). */
  since: z.iso.datetime({ offset: true }).nullable(),
  /** When the last line of any kind arrived (ISO). */
  lastLineAt: z.iso.datetime({ offset: true }).nullable(),
  /** A short description of the source: "COM3 9600 8N1", "tcp 10.0.0.5:2300", "simulator". */
  source: z.string(),
  format: z.string(),
  unrecognizedCount: z.number().int().nonnegative(),
  /** What to do when the link is down, in English; the UI translates by state. */
  detail: z.string(),
});
export type PbxStatus = z.infer<typeof pbxStatusSchema>;

export const pbxSettingsSchema = z.object({
  source: z.enum(PBX_SOURCES),
  serialPath: z.string().max(200),
  baudRate: z.number().int().positive(),
  dataBits: z.union([z.literal(7), z.literal(8)]),
  parity: z.enum(['none', 'even', 'odd']),
  stopBits: z.union([z.literal(1), z.literal(2)]),
  flowControl: z.enum(['none', 'rtscts', 'xonxoff']),
  tcpHost: z.string().max(200),
  tcpPort: z.number().int().min(1).max(65535),
  /** `auto` or one of the format names in hardware/pbx/formats, or `custom`. */
  format: z.string().min(1).max(40),
  dateOrder: z.enum(DATE_ORDERS),
  charset: z.enum(['latin1', 'gbk', 'utf-8']),
  pbxId: z.string().min(1).max(40),
  /** Minutes without a line before the link counts as silent (R-O3). */
  silentMinutes: z.number().int().min(1).max(1440),
  /** A user-defined layout for a PBX not in the list: fixed columns or a CSV field map. */
  customLayout: z
    .object({
      kind: z.enum(['fixed', 'csv']),
      /** field name → [start, end) columns for `fixed`, or → CSV column index for `csv`. */
      fields: z.record(z.string(), z.union([z.tuple([z.number().int(), z.number().int()]), z.number().int()])),
      dateFormat: z.string().max(40),
    })
    .nullable(),
});
export type PbxSettings = z.infer<typeof pbxSettingsSchema>;

/** A journal entry as the renderer stores it: a call, a non-call line, or an unrecognized line. */
export const journalEntrySchema = z.object({
  /** The journal's own sequence: the renderer's catch-up cursor. Each PBX's journal starts at 1. */
  seq: z.number().int().nonnegative(),
  id: z.string(),
  /** The PBX whose journal holds the entry: sequences are per PBX, so the cursor is too. */
  pbxId: z.string().min(1).max(40),
  receivedAt: z.iso.datetime({ offset: true }),
  kind: z.enum(['call', 'header', 'blank', 'status', 'unrecognized']),
  call: callRecordSchema.nullable(),
  raw: z.string(),
  reason: z.string().nullable(),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

export const CALL_METHODS = {
  'calls:status': method(z.object({}).strict(), pbxStatusSchema, ['console']),
  /**
   * Journal entries after `afterSeq`, paged; `hasMore` asks for another page.
   * The journal read is the current PBX's (`pbxId`; null while the service has
   * no link): a reader whose cursor was for another PBX asks again with that
   * PBX's cursor.
   */
  'calls:since': method(
    z.object({ afterSeq: z.number().int().min(-1), limit: z.number().int().min(1).max(5000) }).strict(),
    z.object({ entries: z.array(journalEntrySchema), hasMore: z.boolean(), pbxId: z.string().min(1).max(40).nullable() }),
    ['console'],
  ),
  'calls:listPorts': method(
    z.object({}).strict(),
    z.array(z.object({ path: z.string(), manufacturer: z.string().nullable() })),
    ['console'],
  ),
  'calls:getSettings': method(z.object({}).strict(), pbxSettingsSchema, ['console']),
  'calls:updateSettings': method(pbxSettingsSchema, pbxSettingsSchema, ['console']),
  /** Live preview of a layout (e.g. a user-defined one) against the last lines received. */
  'calls:preview': method(
    z.object({ format: z.string().min(1).max(40), dateOrder: z.enum(DATE_ORDERS), customLayout: pbxSettingsSchema.shape.customLayout, lines: z.number().int().min(1).max(200) }).strict(),
    z.array(journalEntrySchema),
    ['console'],
  ),
} as const;

export const CALL_EVENTS = {
  /** New journal entries, as they are appended (already fsynced). */
  'calls:logged': event(z.array(journalEntrySchema), ['console']),
  'calls:statusChanged': event(pbxStatusSchema, ['console']),
} as const;
