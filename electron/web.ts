/**
 * Browser mode: the desk services behind a WebSocket, and the built renderer
 * served over HTTP with the same CSP as the desktop app. Used where Electron
 * cannot run, and by the end-to-end tests.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { ROLES, type Role } from '../shared/api';
import { hubInfoSchema } from '../shared/api/sync';
import type { CallFrame, EventFrame, ReplyFrame } from '../shared/wire';
import { CONTENT_SECURITY_POLICY } from './csp';
import { defaultDataDir } from './data-dir';
import { createDeskServices, type DeskServices } from './services/desk-services';
import { log } from './services/log';

export interface WebServerOptions {
  port: number;
  host?: string;
  dataDir: string;
  rendererDir: string;
  version: string;
  demo?: boolean;
}

export interface WebServer {
  url: string;
  services: DeskServices;
  close(): Promise<void>;
}

function roleFrom(url: string | undefined): Role | null {
  const role = new URL(url ?? '/', 'http://x').searchParams.get('role');
  return ROLES.find((r) => r === role) ?? null;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const services = await createDeskServices({ dataDir: opts.dataDir, version: opts.version, transport: 'websocket', demo: opts.demo ?? true });
  const assets = sirv(opts.rendererDir, { single: true, etag: true, dev: false });
  // Serving starts once the hub answers, so the first page load never races the hub's start.
  const hub = Promise.resolve(await embeddedHubAddress(services));
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/v1/')) {
      void hub.then((target) => forwardToHub(target, req, res));
      return;
    }
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    assets(req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/v1/')) {
      void hub.then((target) => forwardUpgrade(target, req, socket, head));
      return;
    }
    const role = roleFrom(req.url);
    if (!req.url?.startsWith('/api') || !role) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = services.events.subscribe(role, (event, payload) => {
        ws.send(JSON.stringify({ event, payload } satisfies EventFrame));
      });
      ws.on('close', unsubscribe);
      ws.on('message', (data) => {
        let frame: CallFrame;
        try {
          frame = JSON.parse(String(data)) as CallFrame;
        } catch {
          log.warn(`dropped a malformed frame from a ${role} socket`);
          return;
        }
        void services.handle(role, frame.channel, frame.payload).then((result) => {
          ws.send(JSON.stringify({ id: frame.id, result } satisfies ReplyFrame));
        });
      });
    });
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(opts.port, host, done);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    services,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((done) => server.close(() => done()));
      await services.close();
    },
  };
}

/**
 * The embedded hub listens on loopback; browser mode serves it under /v1 of
 * its own origin. One origin keeps the CSP's `connect-src 'self'`, and a
 * kiosk on the LAN needs only this one port. Null when the hub is elsewhere.
 */
async function embeddedHubAddress(services: DeskServices): Promise<{ host: string; port: number } | null> {
  const info = await services.handle('console', 'sync:hubInfo', {});
  const hub = info.ok ? hubInfoSchema.safeParse(info.value) : null;
  if (!hub?.success || !hub.data.embedded) return null;
  const url = new URL(hub.data.url);
  return { host: url.hostname, port: Number(url.port) };
}

function forwardToHub(target: { host: string; port: number } | null, req: IncomingMessage, res: ServerResponse): void {
  if (!target) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'notFound', message: 'No hub runs here' }));
    return;
  }
  const upstream = request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'unavailable', message: 'The hub is not answering' }));
  });
  req.pipe(upstream);
}

function forwardUpgrade(target: { host: string; port: number } | null, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  if (!target) {
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
    return;
  }
  const upstream = connect(target.port, target.host, () => {
    const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i] ?? ''}: ${req.rawHeaders[i + 1] ?? ''}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  const drop = (): void => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on('error', drop);
  socket.on('error', drop);
  socket.on('close', () => upstream.destroy());
}

const isEntry = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const dataDir = resolve(process.env.FRONTDESK_DATA_DIR ?? defaultDataDir());
  const server = await startWebServer({
    port: Number(process.env.PORT ?? 5317),
    host: process.env.HOST ?? '127.0.0.1',
    dataDir,
    rendererDir: join(here, '..', 'renderer'),
    version: process.env.npm_package_version ?? '0.0.0',
  });
  process.stdout.write(
    `Frontdesk (browser mode) — data in ${dataDir}\n` +
      `  console: ${server.url}/?role=console\n  kiosk:   ${server.url}/?role=kiosk\n  cards:   ${server.url}/?role=cards\n`,
  );
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
