import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiResult, Role } from '../../../shared/api';
import type { CallFrame, EventFrame, ReplyFrame } from '../../../shared/wire';
import { CALL_CHANNEL, EVENT_CHANNEL, bindIpc, forwardEvent } from '../../../electron/ipc';
import { createDeskServices, type DeskServices } from '../../../electron/services/desk-services';
import { startWebServer, type WebServer } from '../../../electron/web';

const notice = { visitId: 'v1', hostId: 'staff-1', hostName: '张三', hostExt: '8001', visitorName: '王小明', company: '星河网络' };

/** The two transports, each reduced to "call a channel as a role" and "events a role receives". */
interface Transport {
  call(role: Role, channel: string, payload: unknown): Promise<ApiResult<unknown>>;
  events(role: Role): { event: string; payload: unknown }[];
}

async function overWebSocket(server: WebServer): Promise<Transport & { close(): void }> {
  const sockets = new Map<Role, WebSocket>();
  const received = new Map<Role, { event: string; payload: unknown }[]>();
  const waiting = new Map<number, (r: ApiResult<unknown>) => void>();
  let id = 0;
  for (const role of ['kiosk', 'console'] as const) {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api?role=${role}`);
    await new Promise((r) => ws.once('open', r));
    received.set(role, []);
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ReplyFrame | EventFrame;
      if ('id' in frame) waiting.get(frame.id)?.(frame.result);
      else received.get(role)!.push({ event: frame.event, payload: frame.payload });
    });
    sockets.set(role, ws);
  }
  return {
    call: (role, channel, payload) =>
      new Promise((resolve) => {
        const frameId = ++id;
        waiting.set(frameId, resolve);
        sockets.get(role)!.send(JSON.stringify({ id: frameId, channel, payload } satisfies CallFrame));
      }),
    events: (role) => received.get(role)!,
    close: () => sockets.forEach((s) => s.close()),
  };
}

function overIpc(services: DeskServices): Transport {
  let handler: ((e: IpcMainInvokeEvent, ...args: unknown[]) => unknown) | undefined;
  const sent = new Map<Role, { event: string; payload: unknown }[]>();
  const contents = new Map<Role, WebContents>();
  for (const role of ['kiosk', 'console'] as const) {
    sent.set(role, []);
    const wc = {
      isDestroyed: () => false,
      send: (channel: string, event: string, payload: unknown) => {
        expect(channel).toBe(EVENT_CHANNEL);
        sent.get(role)!.push({ event, payload });
      },
    } satisfies Partial<WebContents>;
    contents.set(role, wc as unknown as WebContents);
  }
  const roles = {
    roleOf: (sender: WebContents) => [...contents].find(([, wc]) => wc === sender)?.[0],
    windows: () => [...contents].map(([role, webContents]) => ({ role, webContents })),
  };
  bindIpc({ handle: (channel: string, fn: (e: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => {
    expect(channel).toBe(CALL_CHANNEL);
    handler = fn;
  } }, services.handle, roles);
  services.events.tap((event, payload) => forwardEvent(roles, event, payload));
  return {
    call: async (role, channel, payload) => (await handler!({ sender: contents.get(role)! } as IpcMainInvokeEvent, channel, payload)) as ApiResult<unknown>,
    events: (role) => sent.get(role)!,
  };
}

let server: WebServer;
let ws: Awaited<ReturnType<typeof overWebSocket>>;
let ipc: Transport;

beforeAll(async () => {
  server = await startWebServer({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'fd-ws-')), rendererDir: mkdtempSync(join(tmpdir(), 'fd-r-')), version: 'test' });
  ws = await overWebSocket(server);
  ipc = overIpc(await createDeskServices({ dataDir: mkdtempSync(join(tmpdir(), 'fd-ipc-')), version: 'test', transport: 'ipc', demo: true }));
});

afterAll(async () => {
  ws.close();
  await server.close();
});

describe.each([
  ['WebSocket (browser mode)', () => ws],
  ['Electron IPC', () => ipc],
])('the API contract over %s', (_name, transport) => {
  it('answers app:info with the caller window role', async () => {
    const r = await transport().call('kiosk', 'app:info', {});
    expect(r).toMatchObject({ ok: true, value: { role: 'kiosk', version: 'test', demo: true } });
  });

  it('R-V5 a host notice is answered and pushed as an event to consoles, not to kiosks', async () => {
    const r = await transport().call('kiosk', 'visits:notifyHost', notice);
    expect(r).toMatchObject({ ok: true, value: { channels: [{ channel: 'console', status: 'sent', detail: 'ring extension 8001' }] } });
    await expect.poll(() => transport().events('console').some((e) => e.event === 'visits:hostNotified')).toBe(true);
    expect(transport().events('kiosk').some((e) => e.event === 'visits:hostNotified')).toBe(false);
  });

  it('refuses a payload that fails validation, naming the field and why', async () => {
    const r = await transport().call('kiosk', 'visits:notifyHost', { ...notice, hostName: '', extra: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.issues?.map((i) => i.path)).toContain('hostName');
    expect(r.error.message).toMatch(/invalid visits:notifyHost payload: hostName: /);
  });

  it('R-S1 a kiosk window cannot call console-only channels', async () => {
    const r = await transport().call('kiosk', 'settings:update', { kioskIdleSeconds: 30 });
    expect(r).toEqual({ ok: false, error: { code: 'forbidden', message: 'the kiosk window may not call settings:update' } });
  });

  it('refuses unknown channels', async () => {
    const r = await transport().call('console', 'fs:readFile', { path: '/etc/passwd' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unknownChannel' } });
  });

  it('settings:update validates ranges and broadcasts the new settings', async () => {
    const bad = await transport().call('console', 'settings:update', { kioskIdleSeconds: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'kioskIdleSeconds' }] } });
    const good = await transport().call('console', 'settings:update', { kioskIdleSeconds: 90 });
    expect(good).toMatchObject({ ok: true, value: { kioskIdleSeconds: 90 } });
    await expect.poll(() => transport().events('kiosk').some((e) => e.event === 'settings:changed')).toBe(true);
  });
});

describe('browser mode WebSocket endpoint', () => {
  it('refuses a connection without a known role', async () => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api?role=admin`);
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('error', () => resolve('refused'));
      socket.once('unexpected-response', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('serves pages with the strict Content-Security-Policy', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
  });
});
