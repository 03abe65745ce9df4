/**
 * The sandboxed preload: exposes `window.frontdesk` (typed by shared/api.ts)
 * and nothing else — no ipcRenderer, no Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { FrontdeskBridge } from '../shared/api';

// Literal copies of ipc.ts's names: a sandboxed preload is bundled alone.
const CALL_CHANNEL = 'frontdesk:call';
const EVENT_CHANNEL = 'frontdesk:event';

const bridge = {
  call: (channel, request) => ipcRenderer.invoke(CALL_CHANNEL, channel, request),
  on: (event, listener) => {
    const wrapped = (_e: unknown, name: string, payload: unknown): void => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
} satisfies FrontdeskBridge;

contextBridge.exposeInMainWorld('frontdesk', bridge);
