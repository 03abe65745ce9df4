/**
 * The end-to-end harness: browser mode's real server on a free port with a
 * fresh data folder, and Debian's Chromium driven by playwright-core. Tests
 * fail if the page logs an error or an uncaught exception.
 */
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve('test-results/screenshots');

export interface Harness {
  server: WebServer;
  browser: Browser;
  dataDir: string;
  /**
   * A page in `context`, or in a new browser context (its own IndexedDB) on a
   * fresh demo world: the hub's data starts over, as a fresh install did
   * before sync. Tests of sync between devices pass contexts from `newContext()`.
   */
  open(role: 'kiosk' | 'console' | 'cards', opts?: { context?: BrowserContext; viewport?: { width: number; height: number } }): Promise<Page>;
  newContext(): Promise<BrowserContext>;
  /** Errors the pages reported; a test ends by asserting this is empty. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-e2e-'));
  const server = await startWebServer({ port: 0, dataDir, rendererDir: process.env.FRONTDESK_TEST_RENDERER_DIR ?? resolve('dist/renderer'), version: 'test' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const pageErrors: string[] = [];
  const newContext = (): Promise<BrowserContext> => browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  return {
    server,
    browser,
    dataDir,
    pageErrors,
    newContext,
    async open(role, opts = {}) {
      if (!opts.context) {
        const reset = await server.services.handle('console', 'sync:resetDemo', {});
        if (!reset.ok) throw new Error(`could not reset the demo world: ${reset.error.message}`);
      }
      const context = opts.context ?? (await newContext());
      const page = await context.newPage();
      if (opts.viewport) await page.setViewportSize(opts.viewport);
      page.on('pageerror', (e) => pageErrors.push(`${role}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') pageErrors.push(`${role} console: ${m.text()}`);
      });
      await page.goto(`${server.url}/?role=${role}`);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}
