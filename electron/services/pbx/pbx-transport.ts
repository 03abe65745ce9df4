import type { PbxSettings } from '../../../shared/api/calls';
import { SmdrError } from '../../../hardware/pbx/errors';
import { SmdrSerialSource } from '../../../hardware/pbx/serial-source';
import type { LoggedLine, SmdrLink } from '../../../hardware/pbx/smdr-link';
import { SmdrTcpSource } from '../../../hardware/pbx/tcp-source';
import { PbxSimulator } from '../../../hardware/sim/pbx-simulator';

/** One open attempt of the configured source; the service replaces it on reconnect. */
export interface PbxTransport {
  close(): Promise<void>;
}

export interface TransportHooks {
  onLines(lines: readonly LoggedLine[]): void;
  onError(error: SmdrError): void;
  /** The PBX is reachable: port open, socket connected or accepted, simulator running. */
  onUp(): void;
  /** The PBX went away after `onUp` (unplugged, socket closed). */
  onDown(): void;
}

export interface TransportOptions {
  simulatorPaceMs?: number;
  random?: () => number;
  clock?: () => Date;
}

/** "COM3 9600 8N1", "tcp 10.0.0.5:2300", "simulator": what the status strip names. */
export function describeSource(s: PbxSettings): string {
  switch (s.source) {
    case 'serial':
      return `${s.serialPath} ${s.baudRate} ${s.dataBits}${s.parity[0]!.toUpperCase()}${s.stopBits}${s.flowControl === 'none' ? '' : ` ${s.flowControl}`}`;
    case 'tcpClient':
      return `tcp ${s.tcpHost}:${s.tcpPort}`;
    case 'tcpListener':
      return `tcp listen ${s.tcpHost === '' ? '0.0.0.0' : s.tcpHost}:${s.tcpPort}`;
    default:
      return s.source;
  }
}

function deliver(link: SmdrLink, hooks: TransportHooks, step: () => LoggedLine[]): void {
  try {
    hooks.onLines(step());
  } catch (e) {
    hooks.onError(e instanceof SmdrError ? e : new SmdrError('smdr.journalIo', String(e), { cause: e }));
  }
}

/**
 * Opens the source the settings name, wired to `link`. Rejects with an
 * SmdrError when it cannot open (the service then retries with back-off).
 * `source: 'off'` never reaches here.
 */
export async function openTransport(settings: PbxSettings, link: SmdrLink, hooks: TransportHooks, options: TransportOptions = {}): Promise<PbxTransport> {
  const onLine = (line: LoggedLine): void => hooks.onLines([line]);
  switch (settings.source) {
    case 'simulator': {
      const sim = new PbxSimulator({
        write: (chunk) => deliver(link, hooks, () => link.receive(chunk)),
        ...(options.simulatorPaceMs === undefined ? {} : { paceMs: options.simulatorPaceMs }),
        ...(options.random === undefined ? {} : { random: options.random }),
        ...(options.clock === undefined ? {} : { clock: options.clock }),
      });
      hooks.onUp();
      sim.start();
      return { close: () => Promise.resolve(sim.stop()) };
    }
    case 'serial': {
      const source = new SmdrSerialSource(
        {
          path: settings.serialPath,
          baudRate: settings.baudRate,
          dataBits: settings.dataBits,
          parity: settings.parity,
          stopBits: settings.stopBits,
          rtscts: settings.flowControl === 'rtscts',
          xonxoff: settings.flowControl === 'xonxoff',
        },
        link,
        { onLine, onError: hooks.onError, onClosed: hooks.onDown },
      );
      await source.open();
      hooks.onUp();
      return source;
    }
    case 'tcpClient':
    case 'tcpListener': {
      const tcp =
        settings.source === 'tcpClient'
          ? ({ mode: 'client', host: settings.tcpHost, port: settings.tcpPort } as const)
          : ({ mode: 'listener', host: settings.tcpHost === '' ? '0.0.0.0' : settings.tcpHost, port: settings.tcpPort } as const);
      const source = new SmdrTcpSource(tcp, link, { onLine, onError: hooks.onError, onClosed: hooks.onDown, onConnected: hooks.onUp });
      try {
        await source.open();
      } catch (e) {
        await source.close();
        throw e;
      }
      return source;
    }
    case 'off':
      throw new SmdrError('smdr.usage', 'the PBX link is off');
  }
}
