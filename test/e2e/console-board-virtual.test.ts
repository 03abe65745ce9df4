/**
 * The visitor board on a day with thousands of visits (issue 3, ux.md C5/C6):
 * a kiosk that was offline with 2,000 sign-ins comes back, the console
 * catches up through the hub and shows them all in virtual rows — only the
 * rows in view are in the page — and every one of them is still reachable by
 * keyboard, by search and by a badge scan (R-V8, R-V10, R-X1).
 */
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConsole } from './console-helpers';
import { screenshot, startHarness, type Harness } from './harness';
import { waitHeading } from './kiosk-helpers';

const SEEDED = 2000;
type Seeder = { benchOutbox(changes: number, perCommit: number): Promise<{ waiting: number }> };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const count = async (page: Page, heading: string): Promise<number> => Number(await page.locator(`#${heading} .count`).textContent());
const syncState = (page: Page) => page.getByRole('status', { name: /同步状态/ }).getAttribute('data-state');

it('C6 R-X1 R-V10 R-V8: 2,000 visits caught up from an offline kiosk show on the board in virtual rows, each reachable by keys, search and badge scan', async () => {
  const desk = await openConsole(() => h.open('console')); // a fresh demo world
  const before = await count(desk, 'board-onsite');
  await screenshot(desk, 'console-board-few');

  // The kiosk (its own IndexedDB; bypassCSP for the seeding script) goes offline and signs in 2,000 visitors.
  const kioskContext = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 }, bypassCSP: true });
  const kiosk = await h.open('kiosk', { context: kioskContext });
  await waitHeading(kiosk, '欢迎光临');
  await expect.poll(() => syncState(kiosk), { timeout: 30_000 }).toBe('online');
  await kioskContext.setOffline(true);
  const bundle = await build({ entryPoints: ['bench/sync-seed-in-page.ts'], bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'error' });
  await kiosk.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
  // bench/sync-seed-in-page.ts: the app's own commit() into the kiosk's IndexedDB, 50 visits per transaction.
  const seeded = await kiosk.evaluate((n) => (window as unknown as Seeder).benchOutbox(n, 50), SEEDED);
  expect(seeded.waiting).toBe(SEEDED);
  await kioskContext.setOffline(false);

  // Back online, the console catches up and counts every visit.
  await expect.poll(() => count(desk, 'board-onsite'), { timeout: 120_000 }).toBe(before + SEEDED);
  const onSite = desk.getByRole('table', { name: /^在访/ });
  // Newest first: the top row is one of the last batch the kiosk signed in (50 share one time).
  await onSite.locator('tbody tr[aria-rowindex="2"]').getByText(/^访客19[5-9]\d$/).waitFor();

  // Only the rows in view (and a few more) are in the page, at the console's row size (C5).
  const rendered = await onSite.locator('tbody tr:not(.spacer)').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);
  expect(await onSite.getAttribute('aria-rowcount')).toBe(String(before + SEEDED + 1));
  const cell = onSite.locator('tbody tr:not(.spacer) td').first();
  expect(await cell.evaluate((td) => getComputedStyle(td).fontSize)).toBe('14px');
  // Every row the same height, 32–48 px (C5): the virtual list places rows by that height.
  const heights = await onSite.locator('tbody tr:not(.spacer)').evaluateAll((trs) => trs.map((tr) => Math.round(tr.getBoundingClientRect().height)));
  expect(new Set(heights).size).toBe(1);
  expect(heights[0]).toBeGreaterThanOrEqual(32);
  expect(heights[0]).toBeLessThanOrEqual(48);
  await screenshot(desk, 'console-board-2000');

  // Keys: the down arrow from the search box enters the on-site list; End reaches its last row, which is laid out and selected.
  await desk.keyboard.press('Control+k');
  await desk.keyboard.press('ArrowDown');
  expect(await desk.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('region');
  await onSite.locator('tbody tr[aria-selected="true"]').waitFor();
  expect(await onSite.locator('tbody tr[aria-selected="true"]').getAttribute('aria-rowindex')).toBe('2');
  await desk.keyboard.press('End');
  const last = onSite.locator(`tbody tr[aria-rowindex="${before + SEEDED + 1}"]`);
  await last.waitFor();
  expect(await last.getAttribute('aria-selected')).toBe('true');
  expect(await last.isVisible()).toBe(true);
  await screenshot(desk, 'console-board-2000-end');
  await desk.keyboard.press('ArrowUp');
  const name = ((await onSite.locator('tbody tr[aria-selected="true"] td').nth(1).textContent()) ?? '').trim();
  await desk.keyboard.press('Enter');
  const dialog = desk.getByRole('dialog', { name: `为 ${name} 签离` });
  await dialog.waitFor();
  await desk.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  // Search finds one visitor among thousands at once.
  await desk.keyboard.press('Control+k');
  await desk.keyboard.insertText('访客1234');
  await expect.poll(() => count(desk, 'board-onsite')).toBe(1);
  await onSite.getByRole('row', { name: /访客1234/ }).waitFor();
  await desk.keyboard.press('Control+a');
  await desk.keyboard.press('Backspace');

  // A badge scan signs out a visitor far outside the view, and the counts follow.
  await desk.keyboard.type('b1500', { delay: 5 });
  await desk.keyboard.press('Enter');
  const scanned = desk.getByRole('dialog', { name: '为 访客1500 签离' });
  await scanned.waitFor();
  await scanned.getByRole('button', { name: '签离', exact: true }).click();
  await scanned.waitFor({ state: 'detached' });
  await expect.poll(() => count(desk, 'board-onsite')).toBe(before + SEEDED - 1);
  await desk.getByRole('table', { name: /^今日已离开/ }).getByRole('row', { name: /访客1500/ }).waitFor();
  // The offline kiosk's failed requests are logged by Chromium, as in sync.test.ts; nothing else may be.
  expect(h.pageErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|WebSocket connection/.test(e))).toEqual([]);
}, 240_000);
