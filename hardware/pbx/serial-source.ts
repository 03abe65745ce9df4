import { SerialPort } from 'serialport';
import { SmdrError } from './errors';
import type { LoggedLine, SmdrLink } from './smdr-link';

/** Serial settings from the PBX's SMDR port programming (Panasonic [800], NEC 10-21-02…). */
export interface SmdrSerialSettings {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits?: 1 | 1.5 | 2;
  /** Hardware flow control (RTS/CTS). */
  rtscts?: boolean;
  /** Software flow control (XON/XOFF), both directions. */
  xonxoff?: boolean;
}

export interface SmdrSerialHandlers {
  onLine: (line: LoggedLine) => void;
  onError: (error: SmdrError) => void;
  /** The port closed after a successful open (unplugged, PBX gone, or `close()`). */
  onClosed?: () => void;
}

/**
 * Reads SMDR from a serial port into an SmdrLink. On close the partial line is
 * journaled and `onClosed` tells the owner, which reconnects with back-off
 * (electron/services/pbx); one source object is one open attempt.
 */
export class SmdrSerialSource {
  private port: SerialPort | null = null;

  constructor(
    private readonly settings: SmdrSerialSettings,
    private readonly link: SmdrLink,
    private readonly handlers: SmdrSerialHandlers,
  ) {}

  open(): Promise<void> {
    const s = this.settings;
    return new Promise((resolve, reject) => {
      const port = new SerialPort(
        {
          path: s.path,
          baudRate: s.baudRate,
          dataBits: s.dataBits ?? 8,
          parity: s.parity ?? 'none',
          stopBits: s.stopBits ?? 1,
          rtscts: s.rtscts ?? false,
          xon: s.xonxoff ?? false,
          xoff: s.xonxoff ?? false,
        },
        (err) => {
          if (err) reject(new SmdrError('smdr.serial', `Cannot open ${s.path}: ${err.message}`, { cause: err }));
          else resolve();
        },
      );
      this.port = port;
      port.on('data', (chunk: Buffer) => this.deliver(() => this.link.receive(chunk)));
      port.on('close', () => {
        this.deliver(() => this.link.end());
        this.handlers.onClosed?.();
      });
      port.on('error', (err: Error) => this.handlers.onError(new SmdrError('smdr.serial', `${s.path}: ${err.message}`, { cause: err })));
    });
  }

  close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port === null || !port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }

  private deliver(step: () => LoggedLine[]): void {
    try {
      for (const line of step()) this.handlers.onLine(line);
    } catch (e) {
      // A journal write failure must surface: the line was not made durable.
      this.handlers.onError(e instanceof SmdrError ? e : new SmdrError('smdr.journalIo', String(e), { cause: e }));
    }
  }
}
