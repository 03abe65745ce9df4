/**
 * Printer failures as values the UI can explain (style.md "Errors"): a code
 * for the queue and the console, and an English sentence telling the desk
 * what to do. The console translates by code; the message is the fallback.
 */
export const PRINTER_ERROR_CODES = ['offline', 'mediaEmpty', 'rejected', 'timeout', 'render'] as const;
export type PrinterErrorCode = (typeof PRINTER_ERROR_CODES)[number];

const MESSAGES: Record<PrinterErrorCode, string> = {
  offline:
    'The badge printer is not answering. Check that it is switched on and connected; the badge prints when it is back.',
  mediaEmpty: 'The badge printer is out of labels. Load a new roll; the badge prints when labels are loaded.',
  rejected: 'The badge printer refused the badge. Check the printer settings and reprint from the console.',
  timeout: 'The badge printer took too long to answer. Check the printer; the badge will be tried again.',
  render: 'The badge could not be prepared for printing. Reprint from the console; if it fails again, report it.',
};

/** Which failures are worth retrying on their own: the printer may come back or get labels. */
export const RETRYABLE: ReadonlySet<PrinterErrorCode> = new Set(['offline', 'mediaEmpty', 'timeout']);

export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(
    readonly code: PrinterErrorCode,
    /** What the printer or the network said, for the log; not shown to visitors. */
    readonly detail = '',
  ) {
    super(MESSAGES[code]);
  }
}

export function printerMessage(code: PrinterErrorCode): string {
  return MESSAGES[code];
}

/** Node socket error codes that mean nobody is listening or reachable at that address. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE']);

/** Map a socket-level failure to offline / timeout; anything else is a rejection. */
export function fromSocketError(err: unknown): PrinterError {
  if (err instanceof PrinterError) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  const detail = err instanceof Error ? err.message : String(err);
  if (code === 'ETIMEDOUT') return new PrinterError('timeout', detail);
  if (UNREACHABLE.has(code)) return new PrinterError('offline', detail);
  return new PrinterError('rejected', detail);
}
