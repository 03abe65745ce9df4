import { z } from 'zod';
import { PrinterError } from './errors';
import type { PrintReceipt } from './ipp-printer';
import type { Medium } from './media';

/**
 * The desktop app's OS print path (hardware.md 3.1): `webContents.print`
 * exists only in Electron's main process, while badges are made in the
 * services utility process. This is the hand-off between the two over the
 * parent port the services already use (electron/main.ts ⇄ services-host.ts):
 * plain messages, validated on both sides, with every decision (page size,
 * options, failure mapping, time-outs) here in plain Node so it is tested
 * without Electron. The main process only loads the PDF and calls print().
 */

export const systemPrintJobSchema = z
  .object({
    kind: z.literal('systemPrint'),
    id: z.number().int().positive(),
    /** The OS printer's system name, not the friendly one (hardware.md 3.1). */
    deviceName: z.string().min(1).max(200),
    jobName: z.string().min(1).max(100),
    pdfBase64: z.string().min(1).max(20_000_000),
    /** Page size in microns, as webContents.print wants it (≥ 353 each). */
    widthMicrons: z.number().int().min(353),
    heightMicrons: z.number().int().min(353),
  })
  .strict();
export type SystemPrintJob = z.infer<typeof systemPrintJobSchema>;

export const systemPrintersQuerySchema = z.object({ kind: z.literal('systemPrinters'), id: z.number().int().positive() }).strict();

export const systemPrintReplySchema = z.object({
  kind: z.literal('systemPrintReply'),
  id: z.number().int().positive(),
  success: z.boolean(),
  failureReason: z.string(),
});
export type SystemPrintReply = z.infer<typeof systemPrintReplySchema>;

export const systemPrinterInfoSchema = z.object({ name: z.string(), displayName: z.string(), description: z.string() });
export type SystemPrinterInfo = z.infer<typeof systemPrinterInfoSchema>;

export const systemPrintersReplySchema = z.object({
  kind: z.literal('systemPrintersReply'),
  id: z.number().int().positive(),
  printers: z.array(systemPrinterInfoSchema),
  failureReason: z.string(),
});
export type SystemPrintersReply = z.infer<typeof systemPrintersReplySchema>;

export type SystemPrintRequest = SystemPrintJob | z.infer<typeof systemPrintersQuerySchema>;
const requestSchema = z.discriminatedUnion('kind', [systemPrintJobSchema, systemPrintersQuerySchema]);
const replySchema = z.discriminatedUnion('kind', [systemPrintReplySchema, systemPrintersReplySchema]);

/** Whether a parent-port message belongs to this protocol (the rest are API calls and events). */
export function isSystemPrintMessage(message: unknown): boolean {
  const kind = typeof message === 'object' && message !== null && 'kind' in message ? (message as { kind: unknown }).kind : undefined;
  return kind === 'systemPrint' || kind === 'systemPrinters' || kind === 'systemPrintReply' || kind === 'systemPrintersReply';
}

/**
 * Options for webContents.print: silent to the named printer at the label's
 * exact size in microns with no margins — the combination reported to keep
 * Linux CUPS from printing the label as a strip of an A4 page
 * (electron/electron#18123, hardware.md 3.1).
 */
export function printOptions(job: SystemPrintJob): {
  silent: true;
  deviceName: string;
  printBackground: true;
  color: false;
  margins: { marginType: 'none' };
  pageSize: { width: number; height: number };
  copies: 1;
} {
  return {
    silent: true,
    deviceName: job.deviceName,
    printBackground: true,
    color: false,
    margins: { marginType: 'none' },
    pageSize: { width: job.widthMicrons, height: job.heightMicrons },
    copies: 1,
  };
}

/**
 * Electron's failure reasons ("Invalid printer settings", "Print job
 * canceled", "Print job failed") as the queue's codes: a wrong printer name
 * or settings will not fix itself (rejected, reprint after fixing); a failed
 * job may be a printer that is off (offline, retried).
 */
export function failureToError(reason: string): PrinterError {
  if (/invalid|not found|no printer|unknown printer/i.test(reason)) return new PrinterError('rejected', reason);
  if (/cancel/i.test(reason)) return new PrinterError('rejected', reason);
  return new PrinterError('offline', reason || 'system print failed');
}

/** The main process's half, behind an interface so it is tested with a fake and Electron stays in main.ts. */
export interface SystemPrintAdapter {
  print(pdf: Buffer, options: ReturnType<typeof printOptions>): Promise<{ success: boolean; failureReason: string }>;
  printers(): Promise<SystemPrinterInfo[]>;
}

/**
 * Main process: answer one request from the services. Invalid requests get
 * a failed reply rather than silence, so the services never wait on a typo.
 */
export async function serveSystemPrint(message: unknown, adapter: SystemPrintAdapter): Promise<SystemPrintReply | SystemPrintersReply | null> {
  const parsed = requestSchema.safeParse(message);
  if (!parsed.success) {
    const id = (message as { id?: unknown } | null)?.id;
    if (typeof id !== 'number' || id <= 0 || !Number.isInteger(id)) return null;
    return { kind: 'systemPrintReply', id, success: false, failureReason: `invalid printer settings: ${parsed.error.issues[0]?.message ?? ''}` };
  }
  const req = parsed.data;
  try {
    if (req.kind === 'systemPrinters') return { kind: 'systemPrintersReply', id: req.id, printers: await adapter.printers(), failureReason: '' };
    const r = await adapter.print(Buffer.from(req.pdfBase64, 'base64'), printOptions(req));
    return { kind: 'systemPrintReply', id: req.id, success: r.success, failureReason: r.success ? '' : r.failureReason };
  } catch (err) {
    const failureReason = err instanceof Error ? err.message : String(err);
    return req.kind === 'systemPrinters'
      ? { kind: 'systemPrintersReply', id: req.id, printers: [], failureReason }
      : { kind: 'systemPrintReply', id: req.id, success: false, failureReason };
  }
}

const MICRONS_PER_MM = 1000;

/**
 * Services process: sends jobs to the main process and matches replies by
 * id. Unconnected (browser mode, tests, `npm run hub`) it refuses at once
 * with a message saying why, instead of queueing into nowhere.
 */
export class SystemPrintClient {
  private post: ((message: SystemPrintRequest) => void) | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { settle: (reply: unknown) => void; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly timeoutMs = 60_000) {}

  connect(post: (message: SystemPrintRequest) => void): void {
    this.post = post;
  }

  get connected(): boolean {
    return this.post !== null;
  }

  /** Feed every parent-port message here; true when it was a reply to this client. */
  receive(message: unknown): boolean {
    if (!isSystemPrintMessage(message)) return false;
    const reply = replySchema.safeParse(message);
    if (!reply.success) return true;
    const waiter = this.waiting.get(reply.data.id);
    if (waiter) {
      clearTimeout(waiter.timer);
      this.waiting.delete(reply.data.id);
      waiter.settle(reply.data);
    }
    return true;
  }

  private request(build: (id: number) => SystemPrintRequest): Promise<unknown> {
    const post = this.post;
    if (!post) return Promise.reject(new PrinterError('offline', 'the system print path exists only in the desktop app'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // The OS print dialog path can hang on a wedged spooler; a job must never hold the queue forever.
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new PrinterError('timeout', `system print gave no answer in ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.waiting.set(id, { settle: resolve, timer });
      post(build(id));
    });
  }

  async print(pdf: Buffer, medium: Medium, deviceName: string, jobName: string): Promise<PrintReceipt> {
    if (!deviceName) throw new PrinterError('rejected', 'no system printer chosen in the settings');
    const reply = (await this.request((id) => ({
      kind: 'systemPrint',
      id,
      deviceName,
      jobName,
      pdfBase64: pdf.toString('base64'),
      widthMicrons: Math.round(medium.widthMm * MICRONS_PER_MM),
      heightMicrons: Math.round(medium.heightMm * MICRONS_PER_MM),
    }))) as SystemPrintReply | SystemPrintersReply;
    if (reply.kind !== 'systemPrintReply') throw new PrinterError('rejected', 'unexpected reply');
    if (!reply.success) throw failureToError(reply.failureReason);
    // The OS spooler gives no job id through Electron.
    return { jobId: null, media: null };
  }

  async printers(): Promise<SystemPrinterInfo[]> {
    const reply = (await this.request((id) => ({ kind: 'systemPrinters', id }))) as SystemPrintReply | SystemPrintersReply;
    if (reply.kind !== 'systemPrintersReply') throw new PrinterError('rejected', 'unexpected reply');
    if (reply.failureReason) throw new PrinterError('offline', reply.failureReason);
    return reply.printers;
  }

  /** Shutdown: nobody will answer now. */
  dispose(): void {
    for (const [id, w] of this.waiting) {
      clearTimeout(w.timer);
      this.waiting.delete(id);
      w.settle({ kind: 'systemPrintReply', id, success: false, failureReason: 'Print job failed: the app is closing' });
    }
  }
}

/** The services process's one link to main; services-host.ts connects it. */
export const systemPrintLink = new SystemPrintClient();
