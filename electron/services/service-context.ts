import type { EventHub } from './api-handler';
import type { SettingsStore } from './settings-store';

/** What every feature's services get: where data lives, settings, and the event hub. */
export interface ServiceContext {
  dataDir: string;
  settings: SettingsStore;
  events: EventHub;
  /** Demo install: the embedded hub seeds demo users and data on a fresh data folder. */
  demo?: boolean;
  /** Called on shutdown, in reverse order of registration: close ports, devices, servers. */
  onClose(fn: () => Promise<void> | void): void;
}
