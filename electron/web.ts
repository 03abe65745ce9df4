/**
 * Browser mode: the desk services behind a WebSocket, and the built renderer
 * served over HTTP with the same CSP as the desktop app. Used where Electron
 * cannot run, and by the end-to-end tests.
 */
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { ROLES, type Role } from '../shared/api';
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
  const server: Server = createServer((req, res) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    assets(req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
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
