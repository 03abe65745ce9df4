import ipp, { type IppAttributes, type IppMessage, type IppResponse } from '@sealsystems/ipp';
import { PrinterError, fromSocketError } from './errors';

/**
 * IPP client for a CUPS queue or an IPP Everywhere printer
 * (ipp://host:631/printers/Badge, ipp://printer.local/ipp/print).
 *
 * Uses @sealsystems/ipp: the maintained fork of the `ipp` package (releases in
 * 2025 vs 2024 for a codebase last touched years earlier), its parser errors
 * come back through the callback instead of throwing inside a socket handler
 * (which would take the services process down), it does not write to stdout,
 * and it has a socket timeout. Its only dependency is moment.
 */

export interface IppPrinterOptions {
  readonly uri: string;
  /** Per request; a printer that is on but wedged must not hold the queue forever. */
  readonly timeoutMs?: number;
  readonly userName?: string;
  /** Told when the printer refused the media name and the job went without it (for the service log). */
  readonly onWarning?: (message: string) => void;
}

export interface PrintPdfOptions {
  /** PWG media name (media.ts pwgMedia); a printer that does not know it gets the job without. */
  readonly media?: string;
}

export interface PrinterStatus {
  /** RFC 8011 printer-state: idle, processing, stopped. */
  readonly state: 'idle' | 'processing' | 'stopped' | 'unknown';
  /** printer-state-reasons without "none", e.g. ["media-empty-error"]. */
  readonly reasons: readonly string[];
  readonly acceptingJobs: boolean;
}

export interface PrintReceipt {
  readonly jobId: number | null;
  /** The media name the printer took, or null when none was sent or it was refused. */
  readonly media?: string | null;
}

/**
 * Answers that mean "not this attribute value": a printer whose media list
 * lacks our label name (ippeveprinter, a CUPS queue set up for A4) says so
 * instead of printing; RFC 8011 §4.1.7 lists the refused value in the
 * unsupported-attributes group.
 */
const MEDIA_REFUSED = new Set(['client-error-attributes-or-values-not-supported', 'client-error-conflicting-attributes']);

const PRINTER_STATES: Record<number, PrinterStatus['state']> = { 3: 'idle', 4: 'processing', 5: 'stopped' };

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined ? [] : [String(value)];
}

function parseState(value: unknown): PrinterStatus['state'] {
  if (typeof value === 'number') return PRINTER_STATES[value] ?? 'unknown';
  if (value === 'idle' || value === 'processing' || value === 'stopped') return value;
  return 'unknown';
}

/** Reasons that mean "load labels" (media-empty, media-needed, with -report/-warning/-error suffixes). */
const MEDIA_REASON = /^(media-empty|media-needed|media-jam)/;
const OFFLINE_REASON = /^(offline|shutdown|paused|stopped|connecting-to-device|door-open|cover-open)/;

/** Map printer status to the error that stops printing now, if any. */
export function statusError(status: PrinterStatus): PrinterError | null {
  const blocking = status.reasons.filter((r) => !r.endsWith('-report') && !r.endsWith('-warning'));
  const media = blocking.find((r) => MEDIA_REASON.test(r));
  if (media) return new PrinterError('mediaEmpty', media);
  const offline = blocking.find((r) => OFFLINE_REASON.test(r));
  if (offline || status.state === 'stopped') return new PrinterError('offline', offline ?? 'printer-state stopped');
  if (!status.acceptingJobs) return new PrinterError('offline', 'printer-is-accepting-jobs false');
  return null;
}

/** IPP status codes that mean the printer is there but not taking jobs now. */
const NOT_ACCEPTING = new Set([
  'server-error-not-accepting-jobs',
  'server-error-service-unavailable',
  'server-error-temporary-error',
  'server-error-printer-is-deactivated',
]);

/**
 * Printers without a spooler (ippeveprinter, many IPP Everywhere devices)
 * answer server-error-busy while they print the previous job; that is worth
 * a short wait, not a failed badge.
 */
const BUSY = 'server-error-busy';

/**
 * Media names a printer has refused, by printer URI: later badges go without
 * at once instead of costing a refused request each (and a log line each).
 * Forgotten when the settings change, so a reconfigured printer is asked again.
 */
const refusedMedia = new Map<string, Set<string>>();

export function forgetRefusedMedia(): void {
  refusedMedia.clear();
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class IppBadgePrinter {
  private readonly printer;

  constructor(private readonly options: IppPrinterOptions) {
    this.printer = ipp.Printer(options.uri, { timeout: options.timeoutMs ?? 10_000 });
  }

  private execute(operation: string, message: IppMessage): Promise<IppResponse> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      // The library's socket timeout covers an idle socket; this also covers a
      // printer that trickles bytes, so one job can never hold the queue.
      const timer = setTimeout(() => reject(new PrinterError('timeout', `${operation} took over ${timeoutMs} ms`)), timeoutMs);
      this.printer.execute(operation, message, (err, res) => {
        clearTimeout(timer);
        if (err) reject(fromSocketError(err));
        else resolve(res);
      });
    });
  }

  private operationAttributes(extra: IppAttributes = {}): IppAttributes {
    return { 'requesting-user-name': this.options.userName ?? 'frontdesk', ...extra };
  }

  /** Get-Printer-Attributes: state, reasons and whether jobs are accepted. */
  async status(): Promise<PrinterStatus> {
    const res = await this.execute('Get-Printer-Attributes', {
      'operation-attributes-tag': this.operationAttributes({
        'requested-attributes': ['printer-state', 'printer-state-reasons', 'printer-is-accepting-jobs'],
      }),
    });
    const attrs = res['printer-attributes-tag'] ?? {};
    return {
      state: parseState(attrs['printer-state']),
      reasons: asList(attrs['printer-state-reasons']).filter((r) => r !== 'none'),
      acceptingJobs: attrs['printer-is-accepting-jobs'] !== false,
    };
  }

  /**
   * Print a PDF. Checks the printer first so "out of labels" is reported
   * before the job disappears into a stopped queue, then sends Print-Job.
   * Resolves when the printer has accepted the job. The medium's PWG name
   * goes as `media`; refused, the job is sent again without it (logged).
   */
  async printPdf(pdf: Buffer, jobName: string, options: PrintPdfOptions = {}): Promise<PrintReceipt> {
    const blocked = statusError(await this.status());
    if (blocked) throw blocked;
    let media = options.media ?? null;
    if (media && refusedMedia.get(this.options.uri)?.has(media)) media = null;
    let res = await this.submit(pdf, jobName, media);
    if (media && MEDIA_REFUSED.has(res.statusCode)) {
      const refused = JSON.stringify(res['unsupported-attributes-tag'] ?? {});
      this.options.onWarning?.(`printer refused media ${media} (${res.statusCode} ${refused}); printing ${jobName} and later badges without it`);
      refusedMedia.set(this.options.uri, (refusedMedia.get(this.options.uri) ?? new Set()).add(media));
      media = null;
      res = await this.submit(pdf, jobName, null);
    }
    if (!res.statusCode.startsWith('successful')) {
      throw new PrinterError(NOT_ACCEPTING.has(res.statusCode) ? 'offline' : 'rejected', res.statusCode);
    }
    const jobId = res['job-attributes-tag']?.['job-id'];
    return { jobId: typeof jobId === 'number' ? jobId : null, media };
  }

  /** Print-Job, waiting out server-error-busy until the deadline. */
  private async submit(pdf: Buffer, jobName: string, media: string | null): Promise<IppResponse> {
    const deadline = Date.now() + (this.options.timeoutMs ?? 10_000);
    for (let wait = 100; ; wait = Math.min(wait * 2, 1_000)) {
      const res = await this.execute('Print-Job', {
        'operation-attributes-tag': this.operationAttributes({
          'job-name': jobName,
          'document-format': 'application/pdf',
        }),
        ...(media ? { 'job-attributes-tag': { media } } : {}),
        data: pdf,
      });
      if (res.statusCode !== BUSY) return res;
      if (Date.now() + wait > deadline) throw new PrinterError('timeout', 'printer stayed busy');
      await sleep(wait);
    }
  }

  /** Get-Job-Attributes: what the printer recorded for a job (tests and the console's job detail). */
  async jobAttributes(jobId: number): Promise<IppAttributes> {
    const res = await this.execute('Get-Job-Attributes', {
      'operation-attributes-tag': this.operationAttributes({ 'job-id': jobId, 'requested-attributes': ['all'] }),
    });
    return res['job-attributes-tag'] ?? {};
  }
}
