import type { DeviceStatus } from '../../shared/api';
import { EventHub, createApiHandler, type ApiHandler, type Handlers } from './api-handler';
import { HostNotifier } from './host-notifier';
import { log } from './log';
import { SettingsStore } from './settings-store';
import { createCallsHandlers } from './handlers/calls';
import { createCardsHandlers } from './handlers/cards';
import { createPrintingHandlers } from './handlers/printing';
import { createSyncHandlers } from './handlers/sync';
import type { ServiceContext } from './service-context';

export interface DeskServicesOptions {
  dataDir: string;
  version: string;
  transport: 'ipc' | 'websocket';
  demo: boolean;
}

export interface DeskServices {
  handle: ApiHandler;
  events: EventHub;
  settings: SettingsStore;
  close(): Promise<void>;
}

/**
 * Until the device issues land, every device runs as its simulator, and the
 * console says so rather than pretending a device is connected (R-X3).
 */
const SIMULATED_DEVICES: DeviceStatus[] = [
  { kind: 'pbx', state: 'simulated', detail: 'simulator' },
  { kind: 'cardEncoder', state: 'simulated', detail: 'simulator' },
  { kind: 'badgePrinter', state: 'simulated', detail: 'simulator' },
];

/** The desk services behind both transports, in plain Node. */
export async function createDeskServices(opts: DeskServicesOptions): Promise<DeskServices> {
  const settings = await SettingsStore.open(opts.dataDir);
  const events = new EventHub();
  const notifier = new HostNotifier(opts.dataDir);
  const closers: (() => Promise<void> | void)[] = [];
  const ctx: ServiceContext = { dataDir: opts.dataDir, settings, events, demo: opts.demo, onClose: (fn) => closers.push(fn) };

  const handlers: Handlers = {
    'app:info': async (_req, ctx) => ({
      role: ctx.role,
      version: opts.version,
      installId: settings.installId,
      transport: opts.transport,
      demo: opts.demo,
      settings: settings.settings,
      devices: SIMULATED_DEVICES,
    }),
    'app:log': async (entry, ctx) => {
      log[entry.level](`[renderer:${ctx.role}] ${entry.message}`);
      return { ok: true as const };
    },
    'settings:get': async () => settings.settings,
    'settings:update': async (patch) => {
      const next = await settings.update(patch);
      events.emit('settings:changed', next);
      return next;
    },
    'visits:notifyHost': async (notice) => {
      const result = await notifier.notify(notice);
      events.emit('visits:hostNotified', { visitId: notice.visitId, ...result });
      return result;
    },
    ...createCallsHandlers(ctx),
    ...createPrintingHandlers(ctx),
    ...createCardsHandlers(ctx),
    ...createSyncHandlers(ctx),
  };

  const close = async (): Promise<void> => {
    for (const fn of closers.reverse()) {
      try {
        await fn();
      } catch (err) {
        log.warn('a service failed to close', err);
      }
    }
  };
  return { handle: createApiHandler(handlers), events, settings, close };
}
