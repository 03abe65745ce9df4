import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BadgeRequest, JobState, PrintJobView, PrintingSettings, PrintingSettingsInput } from '../../../shared/api/printing';
import { DEFAULT_BADGE_STRINGS, badgeFromVisit, type BadgeData, type BadgeStrings } from '../../../hardware/printer/badge-data';
import type { IdCardFace } from '../../../hardware/printer/card-face';
import { ChromiumBadgeRenderer, type BadgeRenderer } from '../../../hardware/printer/chromium-renderer';
import { PrinterError, type PrinterErrorCode } from '../../../hardware/printer/errors';
import { IppBadgePrinter, forgetRefusedMedia, statusError } from '../../../hardware/printer/ipp-printer';
import { PrintQueue, systemClock, type BadgeOutput, type Clock, type PrintJob } from '../../../hardware/printer/print-queue';
import { MEDIA } from '../../../hardware/printer/media';
import { systemPrintLink, type SystemPrintClient, type SystemPrinterInfo } from '../../../hardware/printer/system-print';
import { ZplBadgePrinter } from '../../../hardware/printer/zpl-printer';
import type { EventHub } from '../api-handler';
import { log } from '../log';
import { PrintingSettingsFile } from './settings';

export interface PrinterDeviceStatus {
  kind: 'badgePrinter';
  state: 'simulated' | 'connected' | 'disconnected';
  /** '' or the error code that explains a disconnected printer (offline, mediaEmpty). */
  detail: string;
}

export interface PrintingServiceOptions {
  dataDir: string;
  events: EventHub;
  renderer?: BadgeRenderer;
  clock?: Clock;
  /**
   * The queue retries by itself after this long; short enough that a printer
   * back on line catches up, long enough that the console's reprint button
   * is there to press (the desk knows best whether the visitor still waits).
   */
  backOffMs?: (failures: number) => number;
  /** How often a network printer is asked for its state, so the strip is right before a job fails. */
  statusPollMs?: number;
  /** The hand-off to Electron's main process for output `system` (tests pass their own). */
  systemPrint?: SystemPrintClient;
}

/** '' in the settings: the zone of the computer the desk runs on. */
export function deskTimeZone(setting: string): string {
  return setting || Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The desk calls the machine-room pass 访客证 (seed rules, console tab); the badge says the same. */
const BADGE_STRINGS: BadgeStrings = { ...DEFAULT_BADGE_STRINGS, pass: '机房访客证 Pass' };

/** Codes that say the printer, not this one badge, is the problem. */
const PRINTER_DOWN: ReadonlySet<PrinterErrorCode> = new Set(['offline', 'mediaEmpty', 'timeout']);

interface JobMeta {
  visitId: string;
  requestedBy: string;
  destination: string;
}

/**
 * Badge printing behind the printing:* channels: one queue, whose output
 * follows the current settings (a settings change applies to the next
 * attempt), the badge printer's status for the console's strip, and the
 * simulated printer that writes PDFs to dataDir/badges when nothing is set up.
 */
export class PrintingService {
  private readonly queue: PrintQueue;
  private readonly renderer: BadgeRenderer;
  private readonly clock: Clock;
  private readonly meta = new Map<string, JobMeta>();
  private status: PrinterDeviceStatus;
  private poll: (() => void) | undefined;
  /** The job being enqueued: its first event fires before enqueue() returns the id. */
  private pendingMeta: JobMeta | undefined;

  private constructor(
    private readonly opts: PrintingServiceOptions,
    private readonly settingsFile: PrintingSettingsFile,
  ) {
    this.renderer = opts.renderer ?? new ChromiumBadgeRenderer();
    this.clock = opts.clock ?? systemClock;
    this.status = this.initialStatus();
    const output: BadgeOutput = {
      print: (badge, medium, jobName) => (badge.idCard ? this.cardOutput(badge.idCard) : this.output()).print(badge, medium, jobName),
    };
    this.queue = new PrintQueue(output, {
      clock: this.clock,
      backOffMs: opts.backOffMs ?? ((n) => Math.min(300_000, 30_000 * 2 ** Math.max(0, n - 1))),
    });
    this.queue.on((job) => this.onJob(job));
    this.schedulePoll();
  }

  static async open(opts: PrintingServiceOptions): Promise<PrintingService> {
    return new PrintingService(opts, await PrintingSettingsFile.open(opts.dataDir));
  }

  get settings(): PrintingSettings {
    return this.settingsFile.settings;
  }

  get deviceStatus(): PrinterDeviceStatus {
    return this.status;
  }

  async updateSettings(next: PrintingSettingsInput): Promise<PrintingSettings> {
    const saved = await this.settingsFile.save(next);
    forgetRefusedMedia();
    this.setStatus(this.initialStatus());
    void this.checkPrinter();
    return saved;
  }

  printBadge(req: BadgeRequest): string {
    const badge = badgeFromVisit(req, { passNumber: req.passNumber, strings: BADGE_STRINGS, timeZone: deskTimeZone(this.settings.timeZone) });
    const jobName = `badge-${req.badgeCode}`;
    const destination = this.settings.output === 'pdfOnly' ? join(this.badgeDir(), `${jobName}.pdf`) : this.describeOutput();
    // Meta first: the queue's first event (queued) is emitted inside enqueue().
    const pending: JobMeta = { visitId: req.visitId, requestedBy: req.requestedBy, destination };
    this.pendingMeta = pending;
    try {
      const job = this.queue.enqueue(badge, this.settings.medium, jobName);
      this.meta.set(job.id, pending);
      return job.id;
    } finally {
      this.pendingMeta = undefined;
    }
  }

  /**
   * An IDC identity card face (R-K3) through the same queue as badges: in
   * order, retried on the same back-off, shown in the console's job list —
   * but sent to the card printer named in the face, always on CR80.
   */
  printIdCard(face: IdCardFace, requestedBy: string): string {
    const badge: BadgeData = {
      name: face.holderName,
      company: face.company,
      host: '',
      category: 'machineRoom',
      categoryLabel: '',
      visitorLabel: '',
      hostLabel: '',
      issued: face.validFrom,
      validUntil: face.validTo,
      escortRequired: false,
      escortLabel: '',
      badgeCode: face.cardNumber,
      photo: face.photo,
      passNumber: null,
      passLabel: '',
      idCard: face,
    };
    const pending: JobMeta = { visitId: '', requestedBy, destination: face.printerUri };
    this.pendingMeta = pending;
    try {
      const job = this.queue.enqueue(badge, 'cr80', `card-${face.cardNumber}`);
      this.meta.set(job.id, pending);
      return job.id;
    } finally {
      this.pendingMeta = undefined;
    }
  }

  /** A failed job's words, for the cards face (its job-state answer carries only the code). */
  jobError(jobId: string): string {
    return this.queue.get(jobId)?.error?.message ?? '';
  }

  retry(jobId: string): PrintJobView {
    this.queue.retry(jobId);
    const job = this.queue.get(jobId);
    if (!job) throw new PrintingServiceError('unknownJob', `no print job ${jobId}`);
    return this.view(job);
  }

  jobState(jobId: string): JobState | null {
    const job = this.queue.get(jobId);
    return job ? { id: job.id, state: job.state, errorCode: job.error?.code ?? null } : null;
  }

  jobs(limit: number): PrintJobView[] {
    return this.queue
      .list()
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit)
      .map((j) => this.view(j));
  }

  /** The desktop app's OS printers; in the browser build the list is empty and the note says why. */
  async systemPrinters(): Promise<{ printers: SystemPrinterInfo[]; note: string }> {
    const link = this.opts.systemPrint ?? systemPrintLink;
    if (!link.connected) return { printers: [], note: 'noDesktop' };
    try {
      return { printers: await link.printers(), note: '' };
    } catch (err) {
      log.warn('system printers could not be listed', err);
      return { printers: [], note: 'systemFailed' };
    }
  }

  async close(): Promise<void> {
    this.poll?.();
    this.queue.dispose();
    await this.renderer.close();
  }

  private badgeDir(): string {
    return join(this.opts.dataDir, 'badges');
  }

  private describeOutput(): string {
    const s = this.settings;
    if (s.output === 'system') return `system:${s.systemPrinter}`;
    return s.output === 'ipp' ? s.ippUri : s.output === 'zpl' ? `${s.zplHost}:${s.zplPort}` : this.badgeDir();
  }

  private initialStatus(): PrinterDeviceStatus {
    // A configured printer counts as connected until a check or a job says otherwise.
    return this.settings.output === 'pdfOnly' ? { kind: 'badgePrinter', state: 'simulated', detail: '' } : { kind: 'badgePrinter', state: 'connected', detail: '' };
  }

  private output(): BadgeOutput {
    const s = this.settings;
    if (s.output === 'ipp') {
      if (!s.ippUri) return { print: () => Promise.reject(new PrinterError('offline', 'no printer address in the settings')) };
      const printer = new IppBadgePrinter({ uri: s.ippUri, timeoutMs: 10_000, onWarning: (m) => log.warn(m) });
      return {
        print: async (badge, medium, jobName) =>
          printer.printPdf(await this.renderer.render(badge, medium), jobName, { media: MEDIA[medium].pwgMedia }),
      };
    }
    if (s.output === 'system') {
      const link = this.opts.systemPrint ?? systemPrintLink;
      return {
        print: async (badge, medium, jobName) => link.print(await this.renderer.render(badge, medium), MEDIA[medium], s.systemPrinter, jobName),
      };
    }
    if (s.output === 'zpl') {
      const printer = new ZplBadgePrinter({ host: s.zplHost, port: s.zplPort });
      return { print: (badge, medium) => printer.print(badge, medium) };
    }
    return {
      print: async (badge, medium, jobName) => {
        const pdf = await this.renderer.render(badge, medium);
        await mkdir(this.badgeDir(), { recursive: true });
        await writeFile(join(this.badgeDir(), `${jobName}.pdf`), pdf);
        return { jobId: null };
      },
    };
  }

  /** The card printer of an IdCardFace: IPP only (CUPS queue or IPP Everywhere card printer). */
  private cardOutput(face: IdCardFace): BadgeOutput {
    const printer = new IppBadgePrinter({ uri: face.printerUri, timeoutMs: 10_000, onWarning: (m) => log.warn(m) });
    return {
      print: async (badge, medium, jobName) =>
        printer.printPdf(await this.renderer.render(badge, medium), jobName, { media: MEDIA[medium].pwgMedia }),
    };
  }

  private onJob(job: PrintJob): void {
    // The card printer's troubles are not the badge printer's: the strip stays as it is.
    if (job.badge.idCard) {
      this.opts.events.emit('printing:jobChanged', this.view(job));
      return;
    }
    if (job.state === 'failed' && job.error) {
      log.warn(`badge ${job.jobName} failed (${job.error.code}): ${job.error.detail}`);
      if (PRINTER_DOWN.has(job.error.code)) this.setStatus({ kind: 'badgePrinter', state: 'disconnected', detail: job.error.code === 'timeout' ? 'offline' : job.error.code });
    }
    if (job.state === 'done') this.setStatus(this.initialStatus());
    this.opts.events.emit('printing:jobChanged', this.view(job));
    this.opts.events.emit('printing:jobState', { id: job.id, state: job.state, errorCode: job.error?.code ?? null });
  }

  private view(job: PrintJob): PrintJobView {
    const meta = this.meta.get(job.id) ?? this.pendingMeta ?? { visitId: '', requestedBy: '', destination: '' };
    const iso = (ms: number): string => new Date(ms).toISOString();
    return {
      id: job.id,
      visitId: meta.visitId,
      visitorName: job.badge.name,
      badgeCode: job.badge.badgeCode,
      passNumber: job.badge.passNumber,
      medium: job.medium,
      state: job.state,
      attempts: job.attempts,
      error: job.error ? { code: job.error.code, message: job.error.message } : null,
      retryAt: job.retryAt === null ? null : iso(job.retryAt),
      destination: meta.destination,
      requestedBy: meta.requestedBy,
      createdAt: iso(job.createdAt),
      updatedAt: iso(job.updatedAt),
    };
  }

  private setStatus(next: PrinterDeviceStatus): void {
    if (next.state === this.status.state && next.detail === this.status.detail) return;
    this.status = next;
    this.opts.events.emit('devices:status', [next]);
  }

  private schedulePoll(): void {
    const every = this.opts.statusPollMs ?? 15_000;
    if (every <= 0) return;
    this.poll = this.clock.setTimeout(() => {
      void this.checkPrinter().finally(() => this.schedulePoll());
    }, every);
  }

  /** Ask a network printer how it is; the simulated printer is always there. */
  private async checkPrinter(): Promise<void> {
    const s = this.settings;
    if (s.output !== 'ipp' || !s.ippUri) return;
    try {
      const blocked = statusError(await new IppBadgePrinter({ uri: s.ippUri, timeoutMs: 5_000 }).status());
      this.setStatus(blocked ? { kind: 'badgePrinter', state: 'disconnected', detail: blocked.code } : this.initialStatus());
    } catch (err) {
      const code = err instanceof PrinterError ? err.code : 'offline';
      this.setStatus({ kind: 'badgePrinter', state: 'disconnected', detail: code === 'mediaEmpty' ? code : 'offline' });
    }
  }
}

export class PrintingServiceError extends Error {
  override readonly name = 'PrintingServiceError';
  constructor(
    readonly code: 'unknownJob',
    message: string,
  ) {
    super(message);
  }
}
