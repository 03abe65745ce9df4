import { createConnection, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { SmdrError } from './errors';
import type { LoggedLine, SmdrLink } from './smdr-link';

/**
 * SMDR over the LAN, the two ways PBXs do it:
 * - `client`: we connect (Panasonic KX-NS/NCP/TDE port 2300 with `SMDR` and a
 *   password as login lines; Mitel MiVoice Business port 1752);
 * - `listener`: the PBX connects to us (Avaya IP Office sending to a configured
 *   IP and port). One PBX connection at a time; a new one replaces the old.
 * `onConnected` / `onClosed` tell the owner, which reconnects a client with
 * back-off (electron/services/pbx); a listener stays up between PBX connections.
 */
export type SmdrTcpSettings =
  | { mode: 'client'; host: string; port: number; loginLines?: readonly string[] }
  | { mode: 'listener'; host?: string; port: number };

export interface SmdrTcpHandlers {
  onLine: (line: LoggedLine) => void;
  onError: (error: SmdrError) => void;
  /** The current PBX connection closed (not called for one replaced by a newer one). */
  onClosed?: () => void;
  /** A PBX connection is up: connected (client) or accepted (listener). */
  onConnected?: () => void;
}

export class SmdrTcpSource {
  private socket: Socket | null = null;
  private server: Server | null = null;

  constructor(
    private readonly settings: SmdrTcpSettings,
    private readonly link: SmdrLink,
    private readonly handlers: SmdrTcpHandlers,
  ) {}

  /** Connects (client) or starts listening (listener); resolves with the local port in listener mode. */
  open(): Promise<number> {
    const s = this.settings;
    if (s.mode === 'client') {
      return new Promise((resolve, reject) => {
        const socket = createConnection({ host: s.host, port: s.port }, () => {
          for (const line of s.loginLines ?? []) socket.write(`${line}\r\n`);
          this.handlers.onConnected?.();
          resolve(s.port);
        });
        socket.once('error', (err) => reject(new SmdrError('smdr.tcp', `Cannot connect to ${s.host}:${s.port}: ${err.message}`, { cause: err })));
        this.attach(socket);
      });
    }
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => {
        const old = this.socket;
        this.attach(socket);
        old?.destroy();
        this.handlers.onConnected?.();
      });
      this.server = server;
      server.once('error', (err) => reject(new SmdrError('smdr.tcp', `Cannot listen on ${s.port}: ${err.message}`, { cause: err })));
      server.listen(s.port, s.host ?? '0.0.0.0', () => {
        const address: AddressInfo | string | null = server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : s.port);
      });
    });
  }

  close(): Promise<void> {
    this.socket?.destroy();
    this.socket = null;
    const server = this.server;
    this.server = null;
    if (server === null) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.deliver(() => this.link.receive(chunk)));
    socket.on('error', (err) => this.handlers.onError(new SmdrError('smdr.tcp', err.message, { cause: err })));
    socket.on('close', () => {
      // A partial last line is journaled at disconnect, never lost.
      this.deliver(() => this.link.end());
      if (this.socket !== socket) return;
      this.socket = null;
      this.handlers.onClosed?.();
    });
  }

  private deliver(step: () => LoggedLine[]): void {
    try {
      for (const line of step()) this.handlers.onLine(line);
    } catch (e) {
      this.handlers.onError(e instanceof SmdrError ? e : new SmdrError('smdr.journalIo', String(e), { cause: e }));
    }
  }
}
