import { createConnection } from 'node:net';
import type { BadgeData } from './badge-data';
import { PrinterError, fromSocketError } from './errors';
import type { MediumId } from './media';
import type { PrintReceipt } from './ipp-printer';
import { badgeZpl, type ZplOptions } from './zpl';

export interface ZplPrinterOptions extends ZplOptions {
  readonly host: string;
  /** Raw print port; Zebra's default is 9100. */
  readonly port?: number;
  readonly timeoutMs?: number;
}

/**
 * Sends raw ZPL over TCP ("port 9100" printing). A Zebra acknowledges
 * nothing on this port, so "accepted" means the bytes were written and the
 * connection closed cleanly; a refused or silent port is offline/timeout.
 */
export class ZplBadgePrinter {
  constructor(private readonly options: ZplPrinterOptions) {}

  send(zpl: string): Promise<void> {
    const { host, port = 9100, timeoutMs = 5_000 } = this.options;
    return new Promise((resolve, reject) => {
      let failed: PrinterError | null = null;
      const socket = createConnection({ host, port });
      socket.setTimeout(timeoutMs, () => {
        failed = new PrinterError('timeout', `no answer from ${host}:${port} in ${timeoutMs} ms`);
        socket.destroy();
      });
      socket.once('connect', () => socket.end(zpl, 'utf8'));
      socket.once('error', (err) => {
        failed ??= fromSocketError(err);
      });
      socket.once('close', () => (failed ? reject(failed) : resolve()));
    });
  }

  async print(badge: BadgeData, medium: MediumId): Promise<PrintReceipt> {
    await this.send(badgeZpl(badge, medium, this.options));
    return { jobId: null };
  }
}
