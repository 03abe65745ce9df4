/**
 * A throw-away PostgreSQL server for the tests: initdb + pg_ctl on a temporary
 * directory, loopback only, on a free port. PostgreSQL refuses to run as root,
 * so as root it runs as the `postgres` user (runuser). Nothing is skipped: if
 * PostgreSQL is missing, this throws and the test fails saying how to fix it.
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const INSTALL_HINT = 'PostgreSQL server binaries not found: install them with `apt-get install -y postgresql` (scripts/setup.sh does).';

export interface PgServer {
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

async function findBin(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).catch(() => []);
  for (const v of versions.sort().reverse()) {
    const bin = join(root, v, 'bin');
    if (await stat(join(bin, 'initdb')).then(() => true, () => false)) return bin;
  }
  throw new Error(INSTALL_HINT);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = a !== null && typeof a === 'object' ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPgServer(): Promise<PgServer> {
  const bin = await findBin();
  const dir = await mkdtemp(join(tmpdir(), 'frontdesk-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
      throw new Error(`No 'postgres' user to run PostgreSQL as. ${INSTALL_HINT}`);
    });
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const as = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args));
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    await as(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    await as(join(bin, 'pg_ctl'), [
      '-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'),
      '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
      'start',
    ]);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL could not start (${err instanceof Error ? err.message : String(err)}). ${INSTALL_HINT}`, { cause: err });
  }
  const url = (database: string): string => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url,
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: url('postgres') });
      await c.connect();
      await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      await c.end();
      return url(name);
    },
    async stop() {
      await as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
