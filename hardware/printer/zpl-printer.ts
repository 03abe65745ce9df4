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
 * nothing on this port and need not close it, so "accepted" means every byte
 * was handed to the connection; a refused port is offline, a connection that
 * does not open or drain in time is a timeout.
 */
export class ZplBadgePrinter {
  constructor(private readonly options: ZplPrinterOptions) {}

  send(zpl: string): Promise<void> {
    const { host, port = 9100, timeoutMs = 5_000 } = this.options;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error: PrinterError | null): void => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve();
      };
      const socket = createConnection({ host, port });
      // Idle timeout: before the label is sent it fails the job; after, it
      // just closes a connection the printer left open.
      socket.setTimeout(timeoutMs, () => {
        settle(new PrinterError('timeout', `no answer from ${host}:${port} in ${timeoutMs} ms`));
        socket.destroy();
      });
      socket.once('connect', () => socket.end(zpl, 'utf8', () => settle(null)));
      socket.on('error', (err) => settle(fromSocketError(err)));
      socket.once('close', () => settle(new PrinterError('offline', `${host}:${port} closed before the label was sent`)));
    });
  }

  async print(badge: BadgeData, medium: MediumId): Promise<PrintReceipt> {
    await this.send(badgeZpl(badge, medium, this.options));
    return { jobId: null };
  }
}
