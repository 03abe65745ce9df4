import type { EventHub } from './api-handler';
import type { SettingsStore } from './settings-store';

/** What every feature's services get: where data lives, settings, and the event hub. */
export interface ServiceContext {
  dataDir: string;
  settings: SettingsStore;
  events: EventHub;
  /** Called on shutdown, in reverse order of registration: close ports, devices, servers. */
  onClose(fn: () => Promise<void> | void): void;
}
