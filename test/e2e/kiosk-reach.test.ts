/**
 * ux.md K2 reach band on a mounted panel: a 32" portrait kiosk whose lower
 * edge is 700 mm above the floor reaches 1408 mm at the top. Every operable
 * control on every screen a visitor meets must sit between 380 and 1220 mm;
 * the strip above holds read-only content only. Heights come from the panel
 * settings (`kioskPanelHeightMm`, `kioskPanelBottomMm`) and each control's
 * bounding box.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { heightAboveFloorMm, type PanelMount } from '../../shared/reach-band';
import { screenshot, startHarness, type Harness } from './harness';
import { badgeCodeOnScreen, continueButton, waitHeading } from './kiosk-helpers';

const PANEL: PanelMount = { heightMm: 708, bottomMm: 700 };
const VIEWPORT = { width: 1080, height: 1920 };

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const r = await h.server.services.handle('console', 'settings:update', { kioskPanelHeightMm: PANEL.heightMm, kioskPanelBottomMm: PANEL.bottomMm });
  if (!r.ok) throw new Error(r.error.message);
});

afterAll(async () => {
  await h?.close();
});

const screens: string[] = [];

/** Every shown control's top and bottom edge, as height above the floor; none may be out of reach. */
async function checkReach(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll('button, a, [role=button], input, textarea, select, [tabindex], .hg-button, .hg-candidate-box-list-item')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none' && !el.closest('[inert]');
      })
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { what: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 24) || el.getAttribute('aria-label') || el.id}"`, top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      }),
  );
  expect(boxes.length, `${name}: controls found`).toBeGreaterThan(0);
  const outside = boxes
    .map((b) => ({ what: b.what, high: heightAboveFloorMm(PANEL, VIEWPORT.height, b.top), low: heightAboveFloorMm(PANEL, VIEWPORT.height, b.bottom) }))
    .filter((b) => b.high > 1220 || b.low < 380)
    .map((b) => `${b.what}: ${Math.round(b.low)}–${Math.round(b.high)} mm`);
  expect(outside, `${name}: controls out of reach`).toEqual([]);
  // A portrait panel is narrower than the landscape one the kiosk was first laid out for.
  const offScreen = boxes.filter((b) => b.left < 0 || b.right > VIEWPORT.width + 0.5).map((b) => `${b.what}: ${Math.round(b.left)}–${Math.round(b.right)} px`);
  expect(offScreen, `${name}: controls off the screen's sides`).toEqual([]);
  const overflow = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollHeight > main.clientHeight + 1 : false;
  });
  expect(overflow, `${name}: vertical overflow`).toBe(false);
  screens.push(name);
}

it('K2: on a 32" portrait panel every control on every visitor screen is between 380 and 1220 mm; above is read-only', async () => {
  const context = await h.newContext();
  await context.clock.install();
  const page = await h.open('kiosk', { context, viewport: VIEWPORT });
  await waitHeading(page, '欢迎光临');
  // The strip above reach shows the company's name, with nothing to tap in it.
  await expect.poll(() => page.locator('.k-reach-banner').isVisible()).toBe(true);
  const banner = await page.locator('.k-reach-banner').boundingBox();
  expect(heightAboveFloorMm(PANEL, VIEWPORT.height, banner?.y ?? 0)).toBeCloseTo(1408, 0);
  expect(await page.locator('.k-reach-banner button, .k-reach-banner input, .k-reach-banner a').count()).toBe(0);
  await checkReach(page, 'kiosk-reach-welcome');

  await page.getByRole('button', { name: '我有预约' }).click();
  await page.locator('.k-kb button.hg-button').first().waitFor();
  await checkReach(page, 'kiosk-reach-code-keyboard');
  await page.getByRole('button', { name: '取消，重新开始' }).click();

  await page.getByRole('button', { name: '没有预约，登记来访' }).click();
  await page.getByLabel('手机号码').fill('13912345678');
  await checkReach(page, 'kiosk-reach-phone');
  await continueButton(page).click();
  await waitHeading(page, '请问您的姓名？');
  for (const ch of 'wang') await page.locator(`.k-kb button[data-skbtn="${ch}"]`).click();
  await page.locator('.k-kb .hg-candidate-box-list-item').first().waitFor();
  await checkReach(page, 'kiosk-reach-name-candidates');
  await page.locator('.k-kb .hg-candidate-box-list-item').filter({ hasText: /^王$/ }).click();
  await page.getByLabel('姓名').fill('王小明');
  await continueButton(page).click();
  await waitHeading(page, '请问您来自哪个单位？');
  await page.getByLabel('单位名称').fill('测试公司');
  await continueButton(page).click();
  await page.getByLabel('商务洽谈').check();
  await checkReach(page, 'kiosk-reach-category');
  await continueButton(page).click();
  await page.getByLabel('被访人姓名或拼音首字母').fill('zs');
  await page.getByRole('button', { name: /张三 · 研发部/ }).click();
  await checkReach(page, 'kiosk-reach-host');
  await continueButton(page).click();
  await waitHeading(page, '请登记您的证件');
  await checkReach(page, 'kiosk-reach-id');
  await page.getByLabel('护照 / 其他证件').check();
  await page.getByLabel('护照或其他证件号码').fill('E12345678');

  // The idle prompt is laid out within reach too.
  await page.clock.fastForward('01:00');
  await page.clock.runFor(300);
  await page.getByRole('alertdialog').waitFor();
  await checkReach(page, 'kiosk-reach-idle');
  await page.getByRole('button', { name: '继续填写' }).click();

  await page.getByLabel(/我同意贵司/).check();
  await checkReach(page, 'kiosk-reach-id-consent');
  await continueButton(page).click();
  await waitHeading(page, '签到成功');
  await checkReach(page, 'kiosk-reach-done');
  const code = await badgeCodeOnScreen(page);
  await page.getByRole('button', { name: '完成', exact: true }).click();

  await page.getByRole('button', { name: '离开签退' }).click();
  await page.getByLabel('胸卡编号（8 位）').fill(code);
  await checkReach(page, 'kiosk-reach-signout');
  await page.keyboard.press('Enter');
  await waitHeading(page, '您已签退。您对本次来访满意吗？');
  await checkReach(page, 'kiosk-reach-survey');
  await page.getByRole('button', { name: /非常满意/ }).click();
  await waitHeading(page, '谢谢您的评价，欢迎再次光临');
  await page.getByLabel('还有什么想告诉我们的吗？（选填）').click();
  await page.locator('.k-kb button.hg-button').first().waitFor();
  // K20: the comment screen asks for text, so it offers reception's help.
  expect(await page.getByRole('button', { name: '需要帮助' }).isVisible()).toBe(true);
  await checkReach(page, 'kiosk-reach-thanks-keyboard');

  expect(screens.length).toBe(13);
  expect(h.pageErrors).toEqual([]);
});
