/**
 * The sync hub: HTTP API (auth, push, pull, business numbers) and a WebSocket
 * that pokes clients to pull. Plain Node; the console's main process starts it
 * by default and `npm run hub` starts it alone.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { HybridClock } from '../../shared/sync/hlc';
import {
  SYNC_SCHEMA_VERSION,
  numberRequestSchema,
  pullRequestSchema,
  pushRequestSchema,
  type NumberKind,
  type NumberResponse,
} from '../../shared/sync/protocol';
import { CONSOLE_ROLES } from '../../shared/sync/tables';
import { log } from '../services/log';
import { HubAuth, type Principal } from './auth';
import { EpochMark, currentSeq, readEpoch, startEpoch } from './epoch';
import { HubError } from './errors';
import { CORS_HEADERS, bearer, parseBody, readBody, readJson, sendJson } from './http';
import { migrate } from './migrations';
import { nextNumber } from './numbers';
import { pullChanges } from './pull';
import { POKE_CHANNEL, pushBatch, type PushContext } from './push';
import type { SqlStore } from './store';

export interface HubOptions {
  store: SqlStore;
  port?: number;
  host?: string;
  /** Folder for the epoch high-water mark; null keeps none (tests with memory stores). */
  stateDir: string | null;
  now?: () => number;
  maxDriftMs?: number;
  allocator?: PushContext['allocator'];
  beforeCommit?: PushContext['beforeCommit'];
  /** Start under a new epoch (the database was restored from a backup). */
  restored?: boolean;
  /** Creates the `admin` user with this password if there is none yet (first start). */
  adminPassword?: string;
  /** Schema version this hub speaks (tests pretend to be newer). */
  schemaVersion?: number;
}

export interface Hub {
  readonly url: string;
  readonly port: number;
  readonly auth: HubAuth;
  readonly store: SqlStore;
  epoch(): string;
  nextNumber(kind: NumberKind, requestId: string): Promise<NumberResponse>;
  close(): Promise<void>;
}

const loginSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const versionOnly = z.object({ schemaVersion: z.number().int() });
const newUserSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(8).max(256),
  role: z.enum(CONSOLE_ROLES),
  displayName: z.string().min(1).max(64).optional(),
});
const enrolSchema = z.object({ code: z.string().regex(/^\d{8}$/), deviceName: z.string().min(1).max(64) });

export async function startHub(opts: HubOptions): Promise<Hub> {
  const store = opts.store;
  const now = opts.now ?? Date.now;
  const schemaVersion = opts.schemaVersion ?? SYNC_SCHEMA_VERSION;
  await migrate(store);
  const mark = opts.stateDir === null ? null : new EpochMark(opts.stateDir);
  let epoch = await startEpoch(store, mark, opts.restored ?? false);
  const clock = new HybridClock('hub', now);
  const auth = new HubAuth(store, { now, userTokenTtlMs: 12 * 3600_000, pairingCodeTtlMs: 10 * 60_000 });
  if (opts.adminPassword) {
    // Before listening, so nobody can log in (or fail to) before the admin exists.
    const existing = await store.query(`SELECT 1 FROM users WHERE username = 'admin'`);
    if (existing.length === 0) await auth.createUser({ username: 'admin', password: opts.adminPassword, role: 'admin' });
  }
  const ctx: PushContext = {
    now,
    clock,
    maxDriftMs: opts.maxDriftMs ?? 60_000,
    epoch: () => epoch,
    allocator: opts.allocator ?? 'counterLock',
    ...(opts.beforeCommit ? { beforeCommit: opts.beforeCommit } : {}),
  };

  // Checked before the body's shape: an old client whose messages no longer parse still learns to update.
  const checkVersion = (body: unknown): unknown => {
    const v = versionOnly.safeParse(body).data?.schemaVersion ?? 0;
    if (v < schemaVersion) throw new HubError('clientUpdateRequired', 'Update this app to keep syncing; your changes are kept', { hubSchemaVersion: schemaVersion });
    if (v > schemaVersion) throw new HubError('hubUpdateRequired', 'The hub is older than this app; update the hub', { hubSchemaVersion: schemaVersion });
    return body;
  };
  const requireConsole = (p: Principal): void => {
    if (!(CONSOLE_ROLES as readonly string[]).includes(p.role)) throw new HubError('forbidden', 'Console users only');
  };

  const routes: Record<string, (req: IncomingMessage) => Promise<unknown>> = {
    'GET /v1/health': () => Promise.resolve({ epoch, schemaVersion }),
    'POST /v1/login': async (req) => {
      const body = await readJson(req, loginSchema);
      return auth.login(body.username, body.password);
    },
    'POST /v1/logout': async (req) => {
      await auth.authenticate(bearer(req));
      const token = bearer(req);
      if (token) await auth.revokeToken(token);
      return { ok: true };
    },
    'POST /v1/pairing-codes': async (req) => auth.createPairingCode(await auth.authenticate(bearer(req))),
    'POST /v1/enrol': async (req) => {
      const body = await readJson(req, enrolSchema);
      return auth.enrol(body.code, body.deviceName);
    },
    'POST /v1/users': async (req) => {
      const p = await auth.authenticate(bearer(req));
      if (p.role !== 'admin') throw new HubError('forbidden', 'Only an administrator can add users');
      const body = await readJson(req, newUserSchema);
      return { id: await auth.createUser(body) };
    },
    'POST /v1/devices/revoke': async (req) => {
      const p = await auth.authenticate(bearer(req));
      if (p.role !== 'admin' && p.role !== 'supervisor') throw new HubError('forbidden', 'Only a supervisor can revoke a device');
      const body = await readJson(req, z.object({ deviceId: z.string().min(1) }));
      await auth.revokeDevice(body.deviceId);
      for (const [ws, who] of sockets) if (who.id === body.deviceId) ws.close(4401, 'revoked');
      return { ok: true };
    },
    'POST /v1/sync/push': async (req) => {
      const p = await auth.authenticate(bearer(req));
      // Another hub on this database may have rotated the epoch (restore): never serve a stale one.
      epoch = await readEpoch(store);
      const body = parseBody(checkVersion(await readBody(req)), pushRequestSchema);
      const res = await pushBatch(store, ctx, p, body);
      // Keep the high-water mark current, so a restore from an older backup is noticed at next start.
      if (mark) await mark.save(epoch, await currentSeq(store));
      return res;
    },
    'POST /v1/sync/pull': async (req) => {
      const p = await auth.authenticate(bearer(req));
      epoch = await readEpoch(store);
      const body = parseBody(checkVersion(await readBody(req)), pullRequestSchema);
      return pullChanges(store, { now, clock, epoch: () => epoch }, p, body);
    },
    'POST /v1/numbers': async (req) => {
      const p = await auth.authenticate(bearer(req));
      requireConsole(p);
      const body = await readJson(req, numberRequestSchema);
      return nextNumber(store, body.kind, body.requestId, now());
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://hub').pathname;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    const route = routes[`${req.method ?? 'GET'} ${path}`];
    try {
      if (!route) throw new HubError('notFound', `No such endpoint: ${path}`);
      sendJson(res, 200, await route(req));
    } catch (err) {
      if (err instanceof HubError) {
        sendJson(res, err.status, { code: err.code, message: err.message, ...err.extra });
      } else {
        // Anything unexpected (database down, serialization failure) is transient:
        // the batch was rolled back, so the client retries with back-off.
        log.error(`hub: ${req.method ?? ''} ${path} failed`, err);
        sendJson(res, 503, { code: 'unavailable', message: 'The hub could not finish this request; it will be retried' });
      }
    }
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  const sockets = new Map<WebSocket, Principal>();
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://hub').pathname;
    auth
      .authenticate(path === '/v1/poke' ? bearer(req) : null)
      .then((who) => {
        wss.handleUpgrade(req, socket, head, (ws) => {
          sockets.set(ws, who);
          ws.on('close', () => sockets.delete(ws));
          ws.on('error', () => sockets.delete(ws));
        });
      })
      .catch(() => {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      });
  });

  // Every hub on this database hears every commit (NOTIFY is per database),
  // including its own, and pokes its own sockets.
  const unlisten = await store.listen(POKE_CHANNEL, (payload) => {
    const message = JSON.stringify({ type: 'poke', seq: Number(payload) || 0 });
    for (const ws of sockets.keys()) if (ws.readyState === ws.OPEN) ws.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? (address satisfies AddressInfo).port : 0;
  log.info(`hub: listening on ${opts.host ?? '127.0.0.1'}:${port} (${store.kind}, epoch ${epoch})`);

  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    auth,
    store,
    epoch: () => epoch,
    nextNumber: (kind, requestId) => nextNumber(store, kind, requestId, now()),
    async close() {
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await unlisten();
      epoch = '';
    },
  };
}
