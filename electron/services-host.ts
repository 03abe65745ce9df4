/**
 * Entry of the services utility process (Electron's `utilityProcess.fork`).
 * Plain Node: it talks to the main process over `process.parentPort`, so a
 * crash in a device driver ends this process, not a window.
 */
import type { EventName, Role } from '../shared/api';
import { systemPrintLink, type SystemPrintRequest } from '../hardware/printer/system-print';
import { createDeskServices } from './services/desk-services';
import { log } from './services/log';

interface ParentPort {
  on(event: 'message', listener: (e: { data: HostRequest }) => void): void;
  postMessage(message: HostReply | HostEvent | SystemPrintRequest): void;
}
export interface HostRequest {
  id: number;
  role: Role;
  channel: unknown;
  payload: unknown;
}
export interface HostReply {
  id: number;
  result: unknown;
}
export interface HostEvent {
  event: EventName;
  payload: unknown;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  log.error('services-host must be started by Electron utilityProcess.fork');
  process.exit(1);
}

const services = await createDeskServices({
  dataDir: process.env.FRONTDESK_DATA_DIR ?? '.',
  version: process.env.FRONTDESK_VERSION ?? '0.0.0',
  transport: 'ipc',
  demo: process.env.FRONTDESK_DEMO !== '0',
});
// Every event goes to main, which passes it on to the windows whose role may see it.
services.events.tap((event, payload) => parentPort.postMessage({ event, payload }));

// Badges for the OS print path go to main, which alone has webContents.print (hardware/printer/system-print.ts).
systemPrintLink.connect((m) => parentPort.postMessage(m));

parentPort.on('message', ({ data }) => {
  if (systemPrintLink.receive(data)) return;
  void services.handle(data.role, data.channel, data.payload).then((result) => {
    parentPort.postMessage({ id: data.id, result });
  });
});
