import { realpathSync } from 'node:fs';
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
  /** How often to check that the path still names the device we opened (0: never; default 1000 ms). */
  watchPathMs?: number;
}

/** The device a path names now, or null when it is gone (USB adapter unplugged, pty link removed). */
function deviceOf(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
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
  private watch: NodeJS.Timeout | null = null;

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
          if (err) {
            reject(new SmdrError('smdr.serial', `Cannot open ${s.path}: ${err.message}`, { cause: err }));
            return;
          }
          this.watchPath(port);
          resolve();
        },
      );
      this.port = port;
      port.on('data', (chunk: Buffer) => this.deliver(() => this.link.receive(chunk)));
      port.on('close', () => {
        if (this.watch !== null) clearInterval(this.watch);
        this.watch = null;
        this.deliver(() => this.link.end());
        this.handlers.onClosed?.();
      });
      port.on('error', (err: Error) => this.handlers.onError(new SmdrError('smdr.serial', `${s.path}: ${err.message}`, { cause: err })));
    });
  }

  close(): Promise<void> {
    if (this.watch !== null) clearInterval(this.watch);
    this.watch = null;
    const port = this.port;
    this.port = null;
    if (port === null || !port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }

  /**
   * The binding reports a vanished device as a close only sometimes (a pty whose
   * other side went away after traffic can stay quietly open). So the path is
   * checked too: gone, or now naming another device (replugged adapter, new
   * pty), means the port we hold is dead — close it and let the owner reopen.
   */
  private watchPath(port: SerialPort): void {
    const every = this.settings.watchPathMs ?? 1000;
    const opened = deviceOf(this.settings.path);
    if (every <= 0 || opened === null) return;
    this.watch = setInterval(() => {
      if (deviceOf(this.settings.path) === opened || !port.isOpen) return;
      if (this.watch !== null) clearInterval(this.watch);
      this.watch = null;
      port.close();
    }, every);
    this.watch.unref();
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
