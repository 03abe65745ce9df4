/**
 * K5 large text reaches the sync status chip on the kiosk's welcome screen
 * (ux.md K5, C10; README "small on the kiosk's welcome screen"): its text
 * rises to the mode's floor with its dot in proportion, and it stays on the
 * screen and clear of every control on a 1920×1080 landscape and a 1080×1920
 * portrait panel, also with a long status (offline, changes waiting, English).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';
import { GOOD, fillId, waitHeading, walkInToId } from './kiosk-helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

/** K5: 0.7° at 60 cm on 0.248 mm/px ≈ 41 px (the mode's floor is 42 px, as in kiosk-ux.test.ts). */
const LARGE = 41;

interface Chip {
  font: number;
  dot: number;
  box: { left: number; top: number; right: number; bottom: number };
  viewport: { width: number; height: number };
  /** Controls the chip lies over. */
  covers: string[];
  text: string;
}

function chip(page: Page): Promise<Chip> {
  return page.evaluate(() => {
    const floating = document.querySelector('.sync-floating');
    const text = floating?.querySelector('.sync-text');
    const dot = floating?.querySelector('.sync-dot');
    if (!floating || !text || !dot) throw new Error('no sync status chip');
    const r = floating.getBoundingClientRect();
    const covers = [
      ...document.querySelectorAll('button, a, input, textarea, select, [role=button]'),
    ]
      .filter((el) => !floating.contains(el))
      .filter((el) => {
        const b = el.getBoundingClientRect();
        return (
          b.width > 0 &&
          b.height > 0 &&
          b.left < r.right &&
          b.right > r.left &&
          b.top < r.bottom &&
          b.bottom > r.top
        );
      })
      .map((el) => (el.textContent ?? '').trim().slice(0, 24));
    return {
      font: parseFloat(getComputedStyle(text).fontSize),
      dot: dot.getBoundingClientRect().width,
      box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      viewport: { width: innerWidth, height: innerHeight },
      covers,
      text: floating.textContent ?? '',
    };
  });
}

function expectOnScreen(c: Chip, what: string): void {
  expect(c.box.left, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(c.box.top, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(c.box.right, `${what}: right edge`).toBeLessThanOrEqual(c.viewport.width);
  expect(c.box.bottom, `${what}: bottom edge`).toBeLessThanOrEqual(c.viewport.height);
  expect(c.covers, `${what}: controls under the chip`).toEqual([]);
}

const largeText = (page: Page, name = '大字') => page.getByRole('button', { name, exact: true });

describe('kiosk large text and the sync status chip', () => {
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
  ]) {
    it(`K5 C10 at ${viewport.width}×${viewport.height}: the chip's text goes from 24 px to the large-text floor and its dot with it, on screen and clear of the controls; off again with the mode`, async () => {
      const page = await h.open('kiosk', { viewport });
      await waitHeading(page, '欢迎光临');
      await page.getByRole('status', { name: '同步状态' }).waitFor();
      const normal = await chip(page);
      expect(normal.font).toBe(24);
      expectOnScreen(normal, 'normal text');

      await largeText(page).click();
      expect(await largeText(page).getAttribute('aria-pressed')).toBe('true');
      const large = await chip(page);
      expect(large.font).toBeGreaterThanOrEqual(LARGE);
      // The dot keeps its proportion to the text.
      expect(large.dot / large.font).toBeCloseTo(normal.dot / normal.font, 2);
      expect(large.dot).toBeGreaterThan(normal.dot);
      expectOnScreen(large, 'large text');
      await page.evaluate(() => document.fonts.ready);
      await screenshot(page, `kiosk-large-text-sync-chip-${viewport.width}x${viewport.height}`);

      await largeText(page).click();
      expect((await chip(page)).font).toBe(24);
      expect(h.pageErrors).toEqual([]);
    });
  }

  it('K5 K19 K1 in large text the candidate bar reached by Tab: candidates and page arrow are buttons ≥ 48 px with a visible focus ring, all on screen', async () => {
    const page = await h.open('kiosk');
    await waitHeading(page, '欢迎光临');
    await largeText(page).click();
    await page.getByRole('button', { name: '没有预约，登记来访' }).click();
    await waitHeading(page, '请输入您的手机号码');
    await page.getByLabel('手机号码').focus();
    await page.keyboard.type('13800138000');
    await page.keyboard.press('Enter');
    await waitHeading(page, '请问您的姓名？');
    await page.locator('.k-kb button.hg-button').first().waitFor();
    for (const ch of 'wang') await page.locator(`.k-kb button[data-skbtn="${ch}"]`).click();
    const bar = page.getByRole('list', { name: '候选字' });
    await bar.getByRole('button').first().waitFor();
    // From the last navigation button, Tab goes into the bar.
    await page.getByRole('button', { name: '需要帮助', exact: true }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return {
        text: el?.textContent ?? '',
        inBar: !!el?.closest('.hg-candidate-box-list'),
        ring: el ? getComputedStyle(el).outlineStyle : '',
      };
    });
    expect(focused.inBar).toBe(true);
    expect(focused.ring).toBe('solid');
    const boxes = await page.locator('.k-kb .hg-candidate-box button:visible').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return {
          text: e.textContent ?? '',
          w: r.width,
          h: r.height,
          left: r.left,
          right: r.right,
          vw: innerWidth,
          size: parseFloat(getComputedStyle(e).fontSize),
        };
      }),
    );
    expect(boxes.length).toBeGreaterThanOrEqual(7);
    for (const b of boxes) {
      expect(Math.min(b.w, b.h), `${b.text}: target`).toBeGreaterThanOrEqual(48);
      expect(b.size, `${b.text}: text`).toBeGreaterThanOrEqual(LARGE);
      expect(b.left, `${b.text}: left`).toBeGreaterThanOrEqual(0);
      expect(b.right, `${b.text}: right`).toBeLessThanOrEqual(b.vw);
    }
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, 'kiosk-large-text-candidates-tab-focus');
    expect(h.pageErrors).toEqual([]);
  });

  it('K5 C10 a long status (offline, changes waiting, in English) stays inside a 1080 px portrait panel in large text (it may wrap, never runs off)', async () => {
    const page = await h.open('kiosk');
    await waitHeading(page, '欢迎光临');
    // The keyboard is a lazy chunk: loaded once while online, as on a kiosk that has served a visitor.
    await page.getByRole('button', { name: '我有预约' }).click();
    await page.locator('.k-kb button.hg-button').first().waitFor();
    await page.getByRole('button', { name: '取消，重新开始' }).click();
    await waitHeading(page, '欢迎光临');
    await page.context().setOffline(true);
    await walkInToId(page, GOOD);
    await fillId(page, GOOD.idNumber);
    await waitHeading(page, '签到成功');
    await page.getByRole('button', { name: '完成', exact: true }).click();
    await waitHeading(page, '欢迎光临');
    const status = page.getByRole('status', { name: '同步状态' });
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 20_000 }).toBe('offline');
    await expect
      .poll(async () => Number(await status.getAttribute('data-waiting')))
      .toBeGreaterThan(0);

    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await waitHeading(page, 'Welcome');
    await largeText(page, 'Large text').click();
    const long = await chip(page);
    expect(long.text).toMatch(/^Offline · \d+ waiting to sync · /);
    expect(long.font).toBeGreaterThanOrEqual(LARGE);
    expectOnScreen(long, 'long status, portrait');
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, 'kiosk-large-text-sync-chip-offline-en-1080x1920');
    await page.context().setOffline(false);
    // Only the offline spell's own failed requests, nothing else.
    expect(
      h.pageErrors.filter(
        (e) => !e.endsWith('Failed to load resource: net::ERR_INTERNET_DISCONNECTED'),
      ),
    ).toEqual([]);
  });
});
