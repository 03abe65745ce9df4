/**
 * Binds the API contract to Electron IPC. The renderer's role is the role of
 * the window that sent the message, never something the renderer says about
 * itself; the handler layer then refuses channels that role may not call and
 * validates every payload against the contract.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENTS, type EventName, type Role } from '../shared/api';
import type { ApiHandler } from './services/api-handler';

export const CALL_CHANNEL = 'frontdesk:call';
export const EVENT_CHANNEL = 'frontdesk:event';

export interface WindowRoles {
  roleOf(sender: WebContents): Role | undefined;
  windows(): Iterable<{ role: Role; webContents: WebContents }>;
}

export function bindIpc(ipcMain: Pick<IpcMain, 'handle'>, handle: ApiHandler, roles: WindowRoles): void {
  ipcMain.handle(CALL_CHANNEL, (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => {
    const role = roles.roleOf(event.sender);
    if (!role) return { ok: false, error: { code: 'forbidden', message: 'unknown window' } };
    return handle(role, channel, payload);
  });
}

/** Passes an event from the services to each window whose role may receive it. */
export function forwardEvent(roles: WindowRoles, event: EventName, payload: unknown): void {
  const allowed = EVENTS[event].roles;
  for (const w of roles.windows()) {
    if (allowed.includes(w.role) && !w.webContents.isDestroyed()) w.webContents.send(EVENT_CHANNEL, event, payload);
  }
}
