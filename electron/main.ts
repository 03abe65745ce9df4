/**
 * The desktop shell: single instance, one window per role, the renderer from
 * the fixed `app://frontdesk/` origin (IndexedDB is keyed by origin, so this
 * must never change), and the desk services in a utility process.
 */
import { app, BrowserWindow, ipcMain, net, protocol, session, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, normalize, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROLES, type EventName, type Role } from '../shared/api';
import { hubInfoSchema } from '../shared/api/sync';
import { CONTENT_SECURITY_POLICY } from './csp';
import { bindIpc, forwardEvent, type WindowRoles } from './ipc';
import type { HostEvent, HostReply, HostRequest } from './services-host';
import { isSystemPrintMessage, serveSystemPrint, type SystemPrintAdapter } from '../hardware/printer/system-print';

const ORIGIN = 'app://frontdesk';
const rendererDir = join(__dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

/** `--role=kiosk` or `--role=console,cards`; else FRONTDESK_ROLES; else the console. */
function rolesFromArgs(argv: readonly string[]): Role[] {
  const arg = argv.find((a) => a.startsWith('--role='))?.slice('--role='.length) ?? process.env.FRONTDESK_ROLES ?? 'console';
  const roles = arg.split(',').filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  return roles.length > 0 ? roles : ['console'];
}

const windows = new Map<WebContents, { role: Role; win: BrowserWindow }>();
const windowRoles: WindowRoles = {
  roleOf: (sender) => windows.get(sender)?.role,
  windows: () => [...windows.values()].map(({ role, win }) => ({ role, webContents: win.webContents })),
};

/**
 * The sync hub is reached through the app's own origin (`app://frontdesk/v1/…`),
 * as browser mode serves it under `/v1` of its address: the CSP then stays
 * `connect-src 'self'`. A custom scheme carries no WebSocket, so the desktop
 * renderer syncs by polling and on its own commits instead of hub pokes.
 */
async function forwardToHub(request: Request, url: URL): Promise<Response> {
  const answer = (await callServices('console', 'sync:hubInfo', {})) as unknown;
  const info = hubInfoSchema.safeParse((answer as { ok?: boolean; value?: unknown }).value);
  if (!info.success || !info.data.url) {
    return new Response(JSON.stringify({ code: 'notFound', message: 'No hub is configured' }), { status: 404, headers: { 'content-type': 'application/json' } });
  }
  const target = new URL(url.pathname + url.search, info.data.url);
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
  return net.fetch(target.toString(), { method: request.method, headers: request.headers, body });
}

/** Serves files under the renderer folder only; `..` and absolute paths are refused. */
function serveRenderer(): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/v1/')) return forwardToHub(request, url);
    const path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = normalize(join(rendererDir, path));
    const inside = relative(rendererDir, file);
    if (inside.startsWith('..') || inside.includes(`..${sep}`)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString()).catch(() => null);
    if (!response || !response.ok) return net.fetch(pathToFileURL(join(rendererDir, 'index.html')).toString());
    return response;
  });
}

function createWindow(role: Role): void {
  const kiosk = role === 'kiosk';
  const win = new BrowserWindow({
    width: kiosk ? 1920 : 1440,
    height: kiosk ? 1080 : 900,
    kiosk,
    fullscreen: kiosk,
    autoHideMenuBar: true,
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  windows.set(win.webContents, { role, win });
  win.on('closed', () => windows.delete(win.webContents));
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith(`${ORIGIN}/`)) e.preventDefault();
  });
  if (kiosk) {
    // R-S3: the kiosk cannot be closed or escaped with the keyboard.
    win.on('close', (e) => {
      if (!quitting) e.preventDefault();
    });
    win.webContents.on('before-input-event', (e, input) => {
      const blocked = input.alt && input.key === 'F4' || input.control && ['w', 'r', 'q'].includes(input.key.toLowerCase()) || input.key === 'F11';
      if (blocked) e.preventDefault();
    });
  }
  void win.loadURL(`${ORIGIN}/?role=${role}`);
}

let quitting = false;
let services: UtilityProcess | null = null;
let nextId = 1;
const pending = new Map<number, (result: unknown) => void>();

function startServices(): void {
  services = utilityProcess.fork(join(__dirname, 'services-host.mjs'), [], {
    serviceName: 'frontdesk-services',
    env: { ...process.env, FRONTDESK_DATA_DIR: process.env.FRONTDESK_DATA_DIR ?? app.getPath('userData'), FRONTDESK_VERSION: app.getVersion() },
  });
  services.on('message', (m: HostReply | HostEvent) => {
    if (isSystemPrintMessage(m)) {
      void serveSystemPrint(m, systemPrinter).then((reply) => reply && services?.postMessage(reply));
      return;
    }
    if ('id' in m) {
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    } else {
      forwardEvent(windowRoles, m.event as EventName, m.payload);
    }
  });
  services.on('exit', () => {
    for (const [id, settle] of pending) {
      settle({ ok: false, error: { code: 'internal', message: 'the desk services restarted; try again' } });
      pending.delete(id);
    }
    if (!quitting) setTimeout(startServices, 1000);
  });
}

/**
 * The OS print path for badges (output `system`): the services hand over the
 * PDF; it is shown in a hidden window and printed silently to the named
 * printer. Everything else about it (options, validation, failure codes) is
 * in hardware/printer/system-print.ts, tested without Electron.
 */
const systemPrinter: SystemPrintAdapter = {
  async print(pdf, options) {
    const dir = await mkdtemp(join(tmpdir(), 'frontdesk-badge-'));
    const file = join(dir, 'badge.pdf');
    const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, plugins: true } });
    try {
      await writeFile(file, pdf);
      await win.loadURL(pathToFileURL(file).toString());
      return await new Promise((resolve) => win.webContents.print(options, (success, failureReason) => resolve({ success, failureReason })));
    } finally {
      win.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  },
  async printers() {
    const win = new BrowserWindow({ show: false });
    try {
      return (await win.webContents.getPrintersAsync()).map((p) => ({ name: p.name, displayName: p.displayName, description: p.description }));
    } finally {
      win.destroy();
    }
  },
};

const callServices = (role: Role, channel: unknown, payload: unknown): Promise<never> =>
  new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve as (r: unknown) => void);
    services?.postMessage({ id, role, channel, payload } satisfies HostRequest);
  });

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const first = windows.values().next().value;
    if (first) {
      if (first.win.isMinimized()) first.win.restore();
      first.win.focus();
    }
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
  void app.whenReady().then(() => {
    session.defaultSession.webRequest.onHeadersReceived((details, done) => {
      done({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    session.defaultSession.setPermissionRequestHandler((_wc, permission, allow) => allow(permission === 'media'));
    serveRenderer();
    startServices();
    bindIpc(ipcMain, callServices, windowRoles);
    for (const role of rolesFromArgs(process.argv)) createWindow(role);
  });
}
