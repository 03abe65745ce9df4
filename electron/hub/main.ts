/**
 * `npm run hub`: the hub alone, e.g. on a server next to PostgreSQL.
 * Environment: DATABASE_URL (else embedded PGlite), HUB_PORT, HUB_HOST,
 * FRONTDESK_DATA_DIR; HUB_ADMIN_PASSWORD creates the `admin` user on first start.
 * `--restored` starts a new epoch after restoring the database from a backup.
 */
import { log } from '../services/log';
import { runHub } from './embedded';

async function main(): Promise<void> {
  const running = await runHub(undefined, {
    restored: process.argv.includes('--restored'),
    ...(process.env.HUB_ADMIN_PASSWORD ? { adminPassword: process.env.HUB_ADMIN_PASSWORD } : {}),
  });
  const stop = (): void => {
    running
      .stop()
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
