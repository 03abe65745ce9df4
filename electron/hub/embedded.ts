/**
 * One call to run the hub with its configuration, for `npm run hub` and for
 * the console's main process (which starts it by default). Owns the store,
 * the daily tombstone GC and an orderly stop.
 */
import { log } from '../services/log';
import { hubConfigFromEnv, hubStateDir, openHubStore, type HubConfig } from './config';
import { collectTombstones } from './gc';
import { startHub, type Hub } from './hub';

/** Tombstones are kept this long: longer than any kiosk is expected to stay offline. */
const TOMBSTONE_RETENTION_MS = 180 * 86400_000;

export interface RunningHub {
  hub: Hub;
  config: HubConfig;
  stop(): Promise<void>;
}

export async function runHub(
  config: HubConfig = hubConfigFromEnv(),
  extra: { restored?: boolean; adminPassword?: string } = {},
): Promise<RunningHub> {
  const store = await openHubStore(config);
  const hub = await startHub({ store, port: config.port, host: config.host, stateDir: hubStateDir(config), ...extra });
  const gc = setInterval(() => {
    collectTombstones(store, new Date(Date.now() - TOMBSTONE_RETENTION_MS).toISOString())
      .then((n) => n > 0 && log.info(`hub: collected ${n} tombstones`))
      .catch((err: unknown) => log.warn('hub: tombstone GC failed', err));
  }, 86400_000);
  gc.unref();
  return {
    hub,
    config,
    async stop() {
      clearInterval(gc);
      await hub.close();
      await store.close();
    },
  };
}
