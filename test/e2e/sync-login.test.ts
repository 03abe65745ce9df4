/**
 * A non-demo install (R-S1): the console asks the operator to sign in, a new
 * kiosk asks for the pairing code the console makes, and a revoked kiosk says
 * so and goes back to pairing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web';
import { CHROMIUM, screenshot } from './harness';
import { idbAll } from './console-helpers';

const ADMIN_PASSWORD = 'admin-secret-1';
let server: WebServer;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  process.env.HUB_ADMIN_PASSWORD = ADMIN_PASSWORD;
  server = await startWebServer({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'frontdesk-e2e-login-')),
    rendererDir: process.env.FRONTDESK_TEST_RENDERER_DIR ?? resolve('dist/renderer'),
    version: 'test',
    demo: false,
  });
  delete process.env.HUB_ADMIN_PASSWORD;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(role: 'kiosk' | 'console'): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${role}: ${e.message}`));
  await page.goto(`${server.url}/?role=${role}`);
  return page;
}

it('R-S1 non-demo: console login, kiosk pairing with the console’s code, revocation sends the kiosk back to pairing', async () => {
  const desk = await open('console');
  await desk.getByRole('heading', { name: '登录总台' }).waitFor();
  await desk.getByLabel('用户名').fill('admin');
  await desk.getByLabel('密码').fill('wrong password');
  await desk.getByRole('button', { name: '登录' }).click();
  await desk.getByText('用户名或密码错误').waitFor();
  await desk.getByLabel('密码').fill(ADMIN_PASSWORD);
  await desk.getByRole('button', { name: '登录' }).click();
  await desk.getByRole('status', { name: '同步状态' }).waitFor();
  expect(await desk.getByLabel('当班').inputValue()).toBe('admin');

  const kiosk = await open('kiosk');
  await kiosk.getByRole('heading', { name: '请输入总台提供的配对码' }).waitFor();
  await screenshot(kiosk, 'sync-kiosk-pairing');
  await desk.getByRole('button', { name: '配对访客机' }).click();
  const shown = (await desk.getByTestId('pairing-code').textContent()) ?? '';
  const code = /(\d{8})/.exec(shown)?.[1] ?? '';
  expect(code).toMatch(/^\d{8}$/);
  // A lobby kiosk has no keyboard (ux.md K18): the code goes in on the in-app digit pad, and only digits do.
  for (const digit of code) await kiosk.locator(`.k-kb button[data-skbtn="${digit}"]`).click();
  await kiosk.getByLabel('配对码').press('a');
  expect(await kiosk.getByLabel('配对码').inputValue()).toBe(code);
  await screenshot(kiosk, 'sync-kiosk-pairing-typed');
  await kiosk.getByRole('button', { name: '配对', exact: true }).click();
  await kiosk.getByRole('heading', { name: '欢迎光临' }).waitFor();
  // A code works once.
  const second = await open('kiosk');
  await second.getByLabel('配对码').fill(code);
  await second.getByRole('button', { name: '配对', exact: true }).click();
  await second.getByText('配对码错误、已使用或已过期').waitFor();
  await screenshot(second, 'sync-kiosk-pairing-refused');

  // The supervisor retires the kiosk: its token stops working and it says so.
  const meta = await idbAll<{ key: string; value: string }>(kiosk, 'meta');
  const session = JSON.parse(meta.find((m) => m.key === 'sync.session')?.value ?? '{}') as { subject?: string };
  const login = (await (await fetch(`${server.url}/v1/login`, { method: 'POST', body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) })).json()) as { token: string };
  const revoked = await fetch(`${server.url}/v1/devices/revoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId: session.subject }),
  });
  expect(revoked.status).toBe(200);
  await kiosk.getByText('登录已失效或已被撤销').waitFor({ timeout: 20_000 });
  await kiosk.getByRole('heading', { name: '请输入总台提供的配对码' }).waitFor();
  await screenshot(kiosk, 'sync-kiosk-revoked');
  expect(errors).toEqual([]);
});
