import { join } from 'node:path';
import { defaultDataDir } from '../data-dir';
import type { SqlStore } from './store';
import { openPglite } from './store-pglite';
import { openPostgres } from './store-postgres';

export interface HubConfig {
  /** A PostgreSQL server, shared by several hubs; unset means embedded PGlite. */
  databaseUrl: string | null;
  port: number;
  host: string;
  /** The app's data folder: PGlite's database and the epoch mark live under it. */
  dataDir: string;
}

export class HubConfigError extends Error {
  readonly code = 'hub.config';
}

/** Reads DATABASE_URL, HUB_PORT, HUB_HOST and FRONTDESK_DATA_DIR. */
export function hubConfigFromEnv(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const port = Number(env.HUB_PORT ?? '5318');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new HubConfigError(`HUB_PORT is not a port: ${env.HUB_PORT ?? ''}`);
  return {
    databaseUrl: env.DATABASE_URL?.trim() || null,
    port,
    // Kiosks on the LAN must reach the hub, so a standalone hub listens on all interfaces unless told otherwise.
    host: env.HUB_HOST ?? '0.0.0.0',
    dataDir: env.FRONTDESK_DATA_DIR ?? defaultDataDir(),
  };
}

export function hubStateDir(config: HubConfig): string {
  return join(config.dataDir, 'hub');
}

export async function openHubStore(config: HubConfig): Promise<SqlStore> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite({ dataDir: join(hubStateDir(config), 'pgdata') });
}
