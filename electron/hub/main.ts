/**
 * `npm run hub`: the hub alone, e.g. on a server next to PostgreSQL.
 * `--restored` starts a new epoch after restoring the database from a backup.
 * First start with HUB_ADMIN_PASSWORD set creates the `admin` user.
 */
import { log } from '../services/log';
import { hubConfigFromEnv, hubStateDir, openHubStore } from './config';
import { collectTombstones } from './gc';
import { startHub } from './hub';

/** Tombstones are kept this long: longer than any kiosk is expected to stay offline. */
const TOMBSTONE_RETENTION_MS = 180 * 86400_000;

async function main(): Promise<void> {
  const config = hubConfigFromEnv();
  const store = await openHubStore(config);
  const hub = await startHub({
    store,
    port: config.port,
    host: config.host,
    stateDir: hubStateDir(config),
    restored: process.argv.includes('--restored'),
    ...(process.env.HUB_ADMIN_PASSWORD ? { adminPassword: process.env.HUB_ADMIN_PASSWORD } : {}),
  });
  const gc = setInterval(() => {
    collectTombstones(store, new Date(Date.now() - TOMBSTONE_RETENTION_MS).toISOString())
      .then((n) => n > 0 && log.info(`hub: collected ${n} tombstones`))
      .catch((err: unknown) => log.warn('hub: tombstone GC failed', err));
  }, 86400_000);
  gc.unref();
  const stop = (): void => {
    clearInterval(gc);
    hub
      .close()
      .then(() => store.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error('hub: shutdown failed', err);
        process.exit(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  log.error('hub: could not start', err);
  process.exit(1);
});
