/**
 * Offline-first sync end to end (R-X1, R-S1): a kiosk and a console in two
 * browser contexts — separate IndexedDB, as on two machines — that meet only
 * through the hub embedded in browser mode.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idbAll, openConsole } from './console-helpers';
import { screenshot, startHarness, type Harness } from './harness';
import { GOOD, badgeCodeOnScreen, fillId, waitHeading, walkInToId, type Row } from './kiosk-helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const status = (page: Page) => page.getByRole('status', { name: /同步状态/ });

async function walkIn(kiosk: Page, name: string, phone: string, idNumber: string): Promise<string> {
  await walkInToId(kiosk, { ...GOOD, name, phone });
  await fillId(kiosk, idNumber);
  await waitHeading(kiosk, '签到成功');
  const code = await badgeCodeOnScreen(kiosk);
  await kiosk.getByRole('button', { name: '完成', exact: true }).click();
  await waitHeading(kiosk, '欢迎光临');
  return code;
}

const namesOn = async (page: Page): Promise<string[]> => (await idbAll<Row>(page, 'visits')).map((v) => String(v.name));

describe('sync between a kiosk and a console on different machines', () => {
  let kioskContext: BrowserContext;
  let kiosk: Page;
  let desk: Page;

  it('R-X1 a walk-in signed in on the kiosk appears on the console through the hub', async () => {
    kiosk = await h.open('kiosk'); // a fresh demo world
    kioskContext = kiosk.context();
    await waitHeading(kiosk, '欢迎光临');
    const deskContext = await h.newContext(); // another machine: its own IndexedDB
    desk = await openConsole(() => h.open('console', { context: deskContext }));
    await status(desk).waitFor();
    await status(kiosk).waitFor();
    await expect.poll(() => status(desk).getAttribute('data-state')).toBe('online');
    await screenshot(desk, 'sync-status-console-online');
    await screenshot(kiosk, 'sync-status-kiosk-online');

    await walkIn(kiosk, '周同步', '13800138001', '440524188001010014');
    await expect.poll(async () => (await namesOn(desk)).filter((n) => n === '周同步').length, { timeout: 5_000 }).toBe(1);
    await desk.getByText('周同步').first().waitFor();
    expect(await status(kiosk).getAttribute('data-waiting')).toBe('0');
  });

  it('R-X1 offline, the kiosk keeps signing in; back online the console shows all three, nothing doubled', async () => {
    await kioskContext.setOffline(true);
    const names = ['吴离线', '郑离线', '王离线'];
    const phones = ['13800138002', '13800138003', '13800138004'];
    for (const [i, name] of names.entries()) await walkIn(kiosk, name, phones[i] ?? '', '440524188001010014');
    await expect.poll(() => status(kiosk).getAttribute('data-state'), { timeout: 20_000 }).toBe('offline');
    // Each sign-in is a visit, its audit entry and the host-notify alert: at least three rows each.
    await expect.poll(async () => Number(await status(kiosk).getAttribute('data-waiting'))).toBeGreaterThanOrEqual(9);
    const waiting = Number(await status(kiosk).getAttribute('data-waiting'));
    expect(await status(kiosk).innerText()).toContain(`离线 · ${waiting} 条待同步`);
    await screenshot(kiosk, 'sync-status-kiosk-offline');
    // The console has not heard of them.
    expect((await namesOn(desk)).filter((n) => names.includes(n))).toEqual([]);

    await kioskContext.setOffline(false);
    await expect.poll(async () => (await namesOn(desk)).filter((n) => names.includes(n)).sort(), { timeout: 10_000, interval: 100 }).toEqual([...names].sort());
    await expect.poll(() => status(kiosk).getAttribute('data-waiting')).toBe('0');
    // The outbox empties during a round; the round then finishes its pull before it says "online".
    await expect.poll(() => status(kiosk).getAttribute('data-state')).toBe('online');
    await screenshot(kiosk, 'sync-status-kiosk-back-online');
    // Nothing doubled: each visit once on the console, once on the kiosk.
    for (const n of [...names, '周同步']) {
      expect((await namesOn(desk)).filter((x) => x === n)).toHaveLength(1);
      expect((await namesOn(kiosk)).filter((x) => x === n)).toHaveLength(1);
    }
  });

  it('R-S1 a sign-out at the console reaches the kiosk that signed the visitor in', async () => {
    const visit = (await idbAll<Row>(desk, 'visits')).find((v) => v.name === '吴离线');
    expect(visit?.state).toBe('onSite');
    const search = desk.getByLabel('搜索', { exact: true });
    await search.focus();
    await desk.keyboard.type(String(visit?.badgeCode).toLowerCase(), { delay: 5 });
    await desk.keyboard.press('Enter');
    const dialog = desk.getByRole('dialog', { name: '为 吴离线 签离' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '签离' }).click();
    await expect
      .poll(async () => (await idbAll<Row>(kiosk, 'visits')).find((v) => v.id === visit?.id)?.state, { timeout: 10_000 })
      .toBe('signedOut');
    const onKiosk = (await idbAll<Row>(kiosk, 'visits')).find((v) => v.id === visit?.id);
    expect(onKiosk?.signedOutBy).toBe('李娜');
    // While offline Chromium logs each failed request to the hub; nothing else may have gone wrong.
    expect(h.pageErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|WebSocket connection/.test(e))).toEqual([]);
  });
});
