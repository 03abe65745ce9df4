/**
 * Kiosk UX rules on every screen (ux.md K1, K5, K6, K3, T1): hit targets,
 * primary button height, font sizes, no vertical overflow, axe with the AAA
 * contrast rule, and the bundled Noto Sans SC actually used.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';
import { badgeCodeOnScreen, continueButton, idbAll, waitHeading } from './kiosk-helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

interface Measured {
  small: string[];
  tinyText: string[];
  overflow: boolean;
  sizes: number[];
  smallBody: string[];
}

const checked: string[] = [];

/** Screenshot, then every rule on the screen as it is now. */
async function check(page: Page, name: string, primary?: string, minText = 24): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await screenshot(page, name);
  const m: Measured = await page.evaluate((floor) => {
    const shown = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none' && !el.closest('[inert]');
    };
    const small = [...document.querySelectorAll('button, a, [role=button], input, textarea, select, .hg-candidate-box-list-item')]
      .filter(shown)
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width < 48 || r.height < 48;
      })
      .map((el) => `${el.outerHTML.slice(0, 90)} ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`);
    const tinyText: string[] = [];
    const smallBody: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || !n.textContent?.trim() || !shown(parent)) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      // The large-text floor holds for everything on screen, the welcome screen's sync status chip included.
      if (size < floor) tinyText.push(`${size}px: ${n.textContent.trim().slice(0, 40)}`);
      // K5: what the visitor reads and answers (everything in <main>) is ≥ 28 px; only the chrome around it may go to 24.
      if (size < 28 && parent.closest('main')) smallBody.push(`${size}px: ${n.textContent.trim().slice(0, 40)}`);
    }
    const main = document.querySelector('main');
    return { smallBody, small, tinyText, overflow: main ? main.scrollHeight > main.clientHeight + 1 : false, sizes: main ? [main.scrollHeight, main.clientHeight] : [] };
  }, minText);
  expect(m.small, `${name}: targets below 48 px`).toEqual([]);
  expect(m.tinyText, `${name}: text below ${minText} px`).toEqual([]);
  expect(m.smallBody, `${name}: body text below 28 px`).toEqual([]);
  expect(m.overflow, `${name}: vertical overflow ${JSON.stringify(m.sizes)}`).toBe(false);
  if (primary) {
    const box = await page.getByRole('button', { name: primary, exact: true }).boundingBox();
    expect(box?.height ?? 0, `${name}: primary height`).toBeGreaterThanOrEqual(64);
  }
  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ rules: { 'color-contrast-enhanced': { enabled: true } } })
    .analyze();
  const ran = [...axe.passes, ...axe.violations, ...axe.incomplete, ...axe.inapplicable].map((r) => r.id);
  expect(ran, 'the AAA contrast rule ran').toContain('color-contrast-enhanced');
  expect(
    axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `${name}: axe`,
  ).toEqual([]);
  expect(await page.evaluate(() => document.fonts.check('28px "Noto Sans SC"', '访客'))).toBe(true);
  checked.push(name);
}

it('K1/K5/K6/T1 every kiosk screen: targets ≥ 48 px, primary ≥ 64 px, body text ≥ 28 px and nothing < 24 px, no overflow, axe AAA contrast, Noto Sans SC', async () => {
  const context = await h.newContext();
  // The idle prompt is reached by moving Playwright's clock; time flows normally until then.
  await context.clock.install();
  const page = await h.open('kiosk', { context });
  await waitHeading(page, '欢迎光临');
  // The page's own text makes Chromium load the bundled face (no explicit load() here, which would prove nothing).
  await page.waitForFunction(() => [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Noto Sans SC' && f.status === 'loaded'), undefined, { timeout: 10_000 });
  await check(page, 'kiosk-ux-welcome-zh');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await waitHeading(page, 'Welcome');
  await check(page, 'kiosk-ux-welcome-en');
  await page.getByRole('button', { name: '中文', exact: true }).click();

  // Appointment with an NDA category (100005 is a contractor visit).
  await page.getByRole('button', { name: '我有预约' }).click();
  await check(page, 'kiosk-ux-code', '继续');
  await page.keyboard.type('999999');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').waitFor();
  await check(page, 'kiosk-ux-code-error', '继续');
  await page.getByLabel('预约码（6 位数字）').fill('100005');
  await page.keyboard.press('Enter');
  await waitHeading(page, '请核对您的预约信息');
  await check(page, 'kiosk-ux-appointment', '信息无误，确认签到');
  await page.getByRole('checkbox', { name: /我同意贵司/ }).check();
  await page.getByRole('button', { name: '信息无误，确认签到' }).click();
  await waitHeading(page, '请阅读并签署保密协议');
  await check(page, 'kiosk-ux-nda', '继续');
  await continueButton(page).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').getByRole('listitem').allTextContents()).toEqual(['请在框内签名，确认保密协议']);
  await check(page, 'kiosk-ux-nda-error', '继续');
  const pad = await page.getByRole('img', { name: '签名区' }).boundingBox();
  if (!pad) throw new Error('no signature box');
  await page.mouse.move(pad.x + 100, pad.y + 150);
  await page.mouse.down();
  await page.mouse.move(pad.x + 300, pad.y + 60, { steps: 8 });
  await page.mouse.move(pad.x + 500, pad.y + 160, { steps: 8 });
  await page.mouse.up();
  await page.getByText('✓ 已签名').waitFor();
  await check(page, 'kiosk-ux-nda-signed', '继续');
  await continueButton(page).click();
  await waitHeading(page, '签到成功');
  // Six seconds on, and the page's Date stands still there while the checks run: axe needs the
  // page's timers (so the clock is not paused), and the screen's 12 s timer reads Date.
  const arrived = await page.evaluate(() => Date.now());
  await page.clock.setFixedTime(arrived + 6_000);
  await page.waitForTimeout(500);
  expect(await page.getByRole('heading', { level: 1, name: '签到成功' }).count()).toBe(1);
  expect(await page.getByText('需陪同 ESCORT REQUIRED').isVisible()).toBe(true);
  await check(page, 'kiosk-ux-done-badge', '完成');
  const code = await badgeCodeOnScreen(page);
  const stored = (await idbAll(page, 'visits')).find((v) => v.badgeCode === code);
  expect(typeof stored?.ndaSignature === 'string' && stored.ndaSignature.startsWith('data:image/png')).toBe(true);
  expect(stored?.ndaSignedAt).toBeTruthy();
  // K15: the done screen goes back to welcome by itself after kioskDoneSeconds (12), not before.
  // Past the 12 s, and Date flows again.
  await page.clock.setSystemTime(arrived + 13_000);
  await waitHeading(page, '欢迎光临');

  // Walk-in: a mobile of an earlier visit brings the returning-visitor offer. A kiosk
  // holds only the visits it signed in itself (it never pulls the register), so
  // the earlier visit is the one just made here.
  const earlier = (await idbAll(page, 'visits')).find((v) => typeof v.phone === 'string' && /^\+861\d{10}$/.test(v.phone) && v.badgeCode === code);
  const phone = String(earlier?.phone).slice(3);
  await page.getByRole('button', { name: '没有预约，登记来访' }).click();
  await continueButton(page).click();
  await page.getByRole('alert').waitFor();
  await check(page, 'kiosk-ux-phone-error', '继续');
  await page.getByLabel('手机号码').fill(phone);
  await check(page, 'kiosk-ux-phone', '继续');
  await continueButton(page).click();
  await waitHeading(page, '请问这是您吗？');
  await check(page, 'kiosk-ux-returning', '是我，使用上次的信息');
  await page.getByRole('button', { name: '不是我，重新填写' }).click();
  await page.getByLabel('姓名').fill('欧阳娜娜');
  await check(page, 'kiosk-ux-name', '继续');
  await continueButton(page).click();
  await check(page, 'kiosk-ux-company', '继续');
  await continueButton(page).click();
  await continueButton(page).click();
  await page.getByRole('alert').waitFor();
  await check(page, 'kiosk-ux-category-error', '继续');
  await page.getByLabel('机房作业').check();
  await check(page, 'kiosk-ux-category', '继续');
  await continueButton(page).click();
  await page.getByLabel('被访人姓名或拼音首字母').fill('zs');
  await page.getByRole('button', { name: /张三 · 研发部/ }).click();
  await check(page, 'kiosk-ux-host', '继续');
  await continueButton(page).click();
  await waitHeading(page, '请登记您的证件');
  await check(page, 'kiosk-ux-id', '继续');
  await page.getByLabel('护照 / 其他证件').check();
  await page.getByLabel('护照或其他证件号码').fill('12');
  await continueButton(page).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').getByRole('listitem').first().textContent()).toBe('证件号码应为 5 到 20 位字母或数字，请核对');
  await check(page, 'kiosk-ux-id-error', '继续');
  // No camera on the test machine: say so and allow skipping.
  await page.getByRole('button', { name: '打开摄像头' }).click();
  await page.getByRole('status').filter({ hasText: '未检测到摄像头' }).waitFor();
  await check(page, 'kiosk-ux-id-no-camera', '继续');

  // Idle prompt over a question screen.
  await page.clock.fastForward('01:00');
  await page.clock.runFor(300);
  await page.getByRole('alertdialog').waitFor();
  await check(page, 'kiosk-ux-idle', '继续填写');
  await page.getByRole('button', { name: '继续填写' }).click();

  await page.getByRole('button', { name: '需要帮助' }).click();
  await waitHeading(page, '请到前台，工作人员会为您办理');
  await check(page, 'kiosk-ux-reception', '返回首页');
  await page.getByRole('button', { name: '返回首页' }).click();

  // Sign-out, survey, thanks.
  await page.getByRole('button', { name: '离开签退' }).click();
  await check(page, 'kiosk-ux-signout', '签退');
  await page.keyboard.type('ABCDEFGH');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').waitFor();
  await check(page, 'kiosk-ux-signout-error', '签退');
  await page.getByLabel('胸卡编号（8 位）').fill(code);
  await page.keyboard.press('Enter');
  await waitHeading(page, '您已签退。您对本次来访满意吗？');
  await check(page, 'kiosk-ux-survey');
  await page.getByRole('button', { name: /非常满意/ }).click();
  await waitHeading(page, '谢谢您的评价，欢迎再次光临');
  await check(page, 'kiosk-ux-thanks', '完成');
  await page.getByLabel('还有什么想告诉我们的吗？（选填）').click();
  await page.locator('.k-kb button.hg-button').first().waitFor();
  await check(page, 'kiosk-ux-thanks-comment-keyboard', '完成');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await check(page, 'kiosk-ux-thanks-en', 'Done');

  expect(checked.length).toBeGreaterThanOrEqual(25);
  expect(h.pageErrors).toEqual([]);
});

/** Taps each character's key on the docked on-screen keyboard. */
async function tap(page: Page, text: string): Promise<void> {
  for (const ch of text) await page.locator(`.k-kb button[data-skbtn="${ch}"]`).click();
}

/** K5 large text: 0.7° at 60 cm on 0.248 mm/px ≈ 41 px; the mode's floor is 42 px. */
const LARGE = 41;

it('K1/K5/K6/K18/K19 with the on-screen keyboard open and in large-text mode: targets, text size, no overflow, axe AAA contrast', async () => {
  const before = checked.length;
  const page = await h.open('kiosk');
  await waitHeading(page, '欢迎光临');
  const keys = (): Promise<void> => page.locator('.k-kb button.hg-button').first().waitFor();
  const candidates = (): Promise<void> => page.locator('.k-kb .hg-candidate-box-list-item').first().waitFor();

  // Keyboard open, normal text: the pinyin candidate bar and its second page.
  await page.getByRole('button', { name: '没有预约，登记来访' }).click();
  await keys();
  await check(page, 'kiosk-ux-kb-phone-pad', '继续');
  await tap(page, '13800138000');
  await continueButton(page).click();
  await waitHeading(page, '请问您的姓名？');
  await keys();
  await tap(page, 'wang');
  await candidates();
  await check(page, 'kiosk-ux-kb-name-candidates', '继续');
  await page.locator('.k-kb .hg-candidate-box-next').click();
  await page.locator('.k-kb .hg-candidate-box-prev.hg-candidate-box-btn-active').waitFor();
  await check(page, 'kiosk-ux-kb-name-candidates-page2', '继续');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await check(page, 'kiosk-ux-kb-name-candidates-en', 'Continue');
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await page.getByRole('button', { name: '取消，重新开始' }).click();

  // Large text from the welcome screen on.
  await waitHeading(page, '欢迎光临');
  await page.getByRole('button', { name: '大字', exact: true }).click();
  await check(page, 'kiosk-ux-large-welcome', undefined, LARGE);
  await page.getByRole('button', { name: '我有预约' }).click();
  await keys();
  await check(page, 'kiosk-ux-large-code', '继续', LARGE);
  await page.getByRole('button', { name: '取消，重新开始' }).click();
  await page.getByRole('button', { name: '大字', exact: true }).click();
  await page.getByRole('button', { name: '没有预约，登记来访' }).click();
  await keys();
  await tap(page, '13800138000');
  await check(page, 'kiosk-ux-large-phone', '继续', LARGE);
  await continueButton(page).click();
  await waitHeading(page, '请问您的姓名？');
  await keys();
  await tap(page, 'wang');
  await candidates();
  await check(page, 'kiosk-ux-large-name-candidates', '继续', LARGE);
  await page.locator('.k-kb .hg-candidate-box-list-item').filter({ hasText: /^王$/ }).click();
  await continueButton(page).click();
  await waitHeading(page, '请问您来自哪个单位？');
  await keys();
  await check(page, 'kiosk-ux-large-company', '继续', LARGE);
  await continueButton(page).click();
  await page.getByLabel('商务洽谈').check();
  await check(page, 'kiosk-ux-large-category', '继续', LARGE);
  // The optional purpose opens its keyboard on a tap.
  await page.getByLabel('来访说明（选填）').click();
  await keys();
  await check(page, 'kiosk-ux-large-category-purpose', '继续', LARGE);
  await continueButton(page).click();
  await waitHeading(page, '请问您要拜访哪一位？');
  await keys();
  await tap(page, 'zs');
  await page.getByRole('button', { name: /张三 · 研发部/ }).click();
  await check(page, 'kiosk-ux-large-host', '继续', LARGE);
  await continueButton(page).click();
  await waitHeading(page, '请登记您的证件');
  await keys();
  await check(page, 'kiosk-ux-large-id', '继续', LARGE);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await check(page, 'kiosk-ux-large-id-en', 'Continue', LARGE);
  expect(checked.length - before).toBeGreaterThanOrEqual(13);
  expect(h.pageErrors).toEqual([]);
});
