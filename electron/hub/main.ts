/**
 * `npm run hub`: the hub alone, e.g. on a server next to PostgreSQL.
 * `--restored` starts a new epoch after restoring the database from a backup.
 * First start with HUB_ADMIN_PASSWORD set creates the `admin` user.
 */
import { log } from '../services/log';
import { hubConfigFromEnv, hubStateDir, openHubStore } from './config';
import { startHub } from './hub';

async function main(): Promise<void> {
  const config = hubConfigFromEnv();
  const store = await openHubStore(config);
  const hub = await startHub({
    store,
    port: config.port,
    host: config.host,
    stateDir: hubStateDir(config),
    restored: process.argv.includes('--restored'),
  });
  const adminPassword = process.env.HUB_ADMIN_PASSWORD;
  if (adminPassword) {
    const existing = await store.query(`SELECT 1 FROM users WHERE username = 'admin'`);
    if (existing.length === 0) await hub.auth.createUser({ username: 'admin', password: adminPassword, role: 'admin' });
  }
  const stop = (): void => {
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
