/**
 * The lobby kiosk's journeys in real Chromium against browser mode: walk-in,
 * appointment, deny list, sign-out with survey, idle reset, language switch,
 * error pattern and host search (R-V3/4/7/8/11, R-S3, R-X2; ux.md K8–K16).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';
import { GOOD, badgeCodeOnScreen, continueButton, fillId, heading, idbAll, waitHeading, walkInToId } from './kiosk-helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

async function kiosk(): Promise<Page> {
  const page = await h.open('kiosk');
  await waitHeading(page, '欢迎光临');
  return page;
}

describe('kiosk', () => {
  it('R-V4 walk-in sign-in end to end: visit onSite in IndexedDB with an outbox row', async () => {
    const page = await kiosk();
    await screenshot(page, 'kiosk-welcome-zh');
    const shot = (name: string): Promise<void> => screenshot(page, name);
    await walkInToId(page, GOOD, shot);
    await fillId(page, GOOD.idNumber, shot);
    await waitHeading(page, '签到成功');
    expect(await page.getByText('请在大堂稍候，被访人 张三 马上来接您。').isVisible()).toBe(true);
    // Business visits are escorted (R-V6): the badge says so.
    expect(await page.getByText('需陪同 ESCORT REQUIRED').isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: '胸卡编号二维码' }).isVisible()).toBe(true);
    const code = await badgeCodeOnScreen(page);
    // The full ID number never appears on screen (K17).
    expect(await page.content()).not.toContain(GOOD.idNumber);
    await screenshot(page, 'kiosk-walkin-done-badge');

    const desk = await h.open('console', { context: page.context() });
    const visits = await idbAll(desk, 'visits');
    const visit = visits.find((v) => v.badgeCode === code);
    expect(visit).toBeDefined();
    expect(visit?.state).toBe('onSite');
    expect(visit?.name).toBe(GOOD.name);
    expect(visit?.phone).toBe('+8613800138000');
    expect(visit?.hostName).toBe('张三');
    // The visit went through the outbox: it is still waiting there, or the hub
    // has acknowledged it and another device (a new context) pulls it.
    const outbox = await idbAll(desk, 'outbox');
    if (!outbox.some((r) => r.table === 'visits' && r.key === visit?.id)) {
      const other = await h.open('console', { context: await h.newContext() });
      // Read IndexedDB only once the app has opened (and so created) its database.
      await other.getByRole('table', { name: /预计今日到访/ }).waitFor();
      await expect.poll(async () => (await idbAll(other, 'visits')).some((v) => v.id === visit?.id), { timeout: 10_000 }).toBe(true);
      await other.context().close();
    }
    const alerts = await idbAll(desk, 'alerts');
    expect(alerts.some((a) => a.kind === 'hostNotify' && a.visitId === visit?.id)).toBe(true);

    // Done returns to welcome. The console checks above can outlast the screen's own 12 s
    // timer on a loaded machine, and then it is already there (the button is proven below).
    const done = page.getByRole('button', { name: '完成', exact: true });
    if (await done.isVisible()) await done.click({ timeout: 2_000 }).catch(() => undefined);
    await waitHeading(page, '欢迎光临');

    // R-V11: the same mobile again is recognised, shown masked only, and pre-fills on confirm.
    await page.getByRole('button', { name: '没有预约，登记来访' }).click();
    await page.getByLabel('手机号码').fill('138 0013 8000');
    await continueButton(page).click();
    await waitHeading(page, '请问这是您吗？');
    expect(await page.getByText('李*龙 138****8000').isVisible()).toBe(true);
    expect(await page.content()).not.toContain(GOOD.name);
    await screenshot(page, 'kiosk-walkin-returning');
    await page.getByRole('button', { name: '是我，使用上次的信息' }).click();
    await waitHeading(page, '请问您的姓名？');
    expect(await page.getByLabel('姓名').inputValue()).toBe(GOOD.name);
    await continueButton(page).click();
    expect(await page.getByLabel('单位名称（选填）').inputValue()).toBe(GOOD.company);
    expect(h.pageErrors).toEqual([]);
  });

  it('R-V3 appointment sign-in with code 100001 in ≤ 3 taps after the code and Enter (K8)', async () => {
    const page = await kiosk();
    await page.getByRole('button', { name: '我有预约' }).click();
    await waitHeading(page, '请输入您的预约码');
    // A wedge scanner types into the focused field and presses Enter: no tap needed.
    expect(await page.getByLabel('预约码（6 位数字）').evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'kiosk-code');
    await page.keyboard.type('100001');
    await page.keyboard.press('Enter');
    await waitHeading(page, '请核对您的预约信息');
    await screenshot(page, 'kiosk-appointment-confirm');
    // Masked echo only (K17).
    expect(await page.getByText(/^\d{3}\*{4}\d{4}$/).isVisible()).toBe(true);
    expect(await page.getByText(/^\d{6}\*{8}\w{4}$/).isVisible()).toBe(true);
    let taps = 0;
    const tap = async (name: string | RegExp): Promise<void> => {
      taps += 1;
      await page.getByRole(typeof name === 'string' ? 'button' : 'checkbox', { name }).click();
    };
    await tap(/我同意贵司/);
    await tap('信息无误，确认签到');
    await waitHeading(page, '签到成功');
    await tap('完成');
    await waitHeading(page, '欢迎光临');
    expect(taps).toBeLessThanOrEqual(3);
    const visits = await idbAll(page, 'visits');
    const appointments = await idbAll(page, 'appointments');
    const appt = appointments.find((a) => a.code === '100001');
    expect(appt?.visitId).toBeTruthy();
    expect(visits.find((v) => v.id === appt?.visitId)?.state).toBe('onSite');

    // The same code again is no longer usable: a field error, not a dead end.
    await page.getByRole('button', { name: '我有预约' }).click();
    await page.keyboard.type('100001');
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('没有找到这个预约码');
    await screenshot(page, 'kiosk-code-error');

    // A wedge scanner on the welcome screen (nothing focused): the code and Enter go straight to the confirm screen.
    await page.getByRole('button', { name: '取消，重新开始' }).click();
    await waitHeading(page, '欢迎光临');
    await page.keyboard.type('100003');
    await page.keyboard.press('Enter');
    await waitHeading(page, '请核对您的预约信息');
    // Back to welcome and on to a walk-in: nothing of the appointment is carried over.
    await page.getByRole('button', { name: '返回上一步' }).click();
    await page.getByRole('button', { name: '返回上一步' }).click();
    await waitHeading(page, '欢迎光临');
    await page.getByRole('button', { name: '没有预约，登记来访' }).click();
    await page.getByLabel('手机号码').fill('13300133000');
    await continueButton(page).click();
    expect(await page.getByLabel('姓名').inputValue()).toBe('');
    expect(h.pageErrors).toEqual([]);
  });

  it('R-V7 deny list: the neutral reception page, no reason in the DOM, a watchHit alert stored', async () => {
    const page = await kiosk();
    // The "ask reception" page, for comparison.
    await page.getByRole('button', { name: '没有预约，登记来访' }).click();
    await page.getByRole('button', { name: '需要帮助' }).click();
    await waitHeading(page, '请到前台，工作人员会为您办理');
    const askText = await page.getByRole('main').innerText();
    await page.getByRole('button', { name: '返回首页' }).click();

    await walkInToId(page, { ...GOOD, name: '钱多多', phone: '13700137000' });
    await fillId(page, '11010519491231002X');
    await waitHeading(page, '请到前台，工作人员会为您办理');
    await screenshot(page, 'kiosk-see-reception');
    expect(await page.getByRole('main').innerText()).toBe(askText);
    const html = await page.content();
    for (const leak of ['寻衅', 'deny', 'watch', '黑名单', '钱多多', '11010519491231002X', 'error']) expect(html).not.toContain(leak);
    const alerts = await idbAll(page, 'alerts');
    const visits = await idbAll(page, 'visits');
    const held = visits.find((v) => v.idNumber === '11010519491231002X' && v.state === 'held');
    expect(held).toBeDefined();
    expect(alerts.some((a) => a.kind === 'watchHit' && a.visitId === held?.id)).toBe(true);
    expect(h.pageErrors).toEqual([]);
  });

  it('R-V8 sign-out with the badge code and a one-tap survey score saved', async () => {
    const page = await kiosk();
    await page.getByRole('button', { name: '我有预约' }).click();
    await page.keyboard.type('100002');
    await page.keyboard.press('Enter');
    await page.getByRole('checkbox', { name: /我同意贵司/ }).check();
    await page.getByRole('button', { name: '信息无误，确认签到' }).click();
    await waitHeading(page, '签到成功');
    const code = await badgeCodeOnScreen(page);
    await page.getByRole('button', { name: '完成', exact: true }).click();

    await page.getByRole('button', { name: '离开签退' }).click();
    await waitHeading(page, '请输入胸卡编号');
    await screenshot(page, 'kiosk-signout');
    await page.keyboard.type('ZZZZZZZZ');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('没有找到这张胸卡的来访记录');
    expect(await page.getByLabel('胸卡编号（8 位）').inputValue()).toBe('ZZZZZZZZ');
    await screenshot(page, 'kiosk-signout-error');
    // A scanner types the code (lower case here) and Enter into the focused field.
    await page.getByLabel('胸卡编号（8 位）').fill(code.toLowerCase());
    await page.keyboard.press('Enter');
    await waitHeading(page, '您已签退。您对本次来访满意吗？');
    await screenshot(page, 'kiosk-survey');
    await page.getByRole('button', { name: /满意/ }).filter({ hasText: '4' }).click();
    await waitHeading(page, '谢谢您的评价，欢迎再次光临');
    await page.getByLabel('还有什么想告诉我们的吗？（选填）').fill('前台很热情');
    await page.getByRole('button', { name: '提交意见' }).click();
    await page.getByRole('status').waitFor();
    await screenshot(page, 'kiosk-thanks');
    const visit = (await idbAll(page, 'visits')).find((v) => v.badgeCode === code);
    expect(visit?.state).toBe('signedOut');
    expect(visit?.signedOutBy).toBe('kiosk');
    expect(visit?.surveyScore).toBe(4);
    expect(visit?.surveyComment).toBe('前台很热情');
    expect(h.pageErrors).toEqual([]);
  });

  it('R-S3/K15/K16 idle: prompt at 60 s with a 20 s countdown, Continue extends, reset at 80 s', async () => {
    const context = await h.newContext();
    await context.clock.install();
    const page = await h.open('kiosk', { context });
    await waitHeading(page, '欢迎光临');
    await page.getByRole('button', { name: '没有预约，登记来访' }).click();
    await page.getByLabel('手机号码').fill('13600136000');
    await continueButton(page).click();
    await page.getByLabel('姓名').fill('欧阳娜娜');
    await page.getByRole('button', { name: 'English' }).click();
    await waitHeading(page, 'What is your full name?');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: 'English' }).click();

    const prompt = page.getByRole('alertdialog');
    await page.clock.fastForward('00:59');
    await page.clock.runFor(100);
    expect(await prompt.count()).toBe(0);
    await page.clock.fastForward('00:01');
    await page.clock.runFor(300);
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('20');
    await screenshot(page, 'kiosk-idle-prompt-en');
    // Extending works repeatedly (WCAG 2.2.1), and keeps what was typed.
    for (let i = 0; i < 3; i += 1) {
      await prompt.getByRole('button', { name: 'Continue' }).click();
      expect(await prompt.count()).toBe(0);
      await page.clock.fastForward('01:00');
      await page.clock.runFor(300);
      await prompt.waitFor();
    }
    expect(await page.getByLabel('Full name').inputValue()).toBe('欧阳娜娜');
    await page.clock.fastForward('00:10');
    await page.clock.runFor(300);
    expect(await prompt.textContent()).toMatch(/\b10\b/);
    await page.clock.fastForward('00:10');
    await page.clock.runFor(300);
    await waitHeading(page, '欢迎光临');
    const html = await page.content();
    expect(html).not.toContain('欧阳娜娜');
    expect(html).not.toContain('13600136000');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByRole('button', { name: 'English' }).isVisible()).toBe(true);
    // The walk-in starts empty again.
    await page.getByRole('button', { name: '没有预约，登记来访' }).click();
    expect(await page.getByLabel('手机号码').inputValue()).toBe('');
    expect(h.pageErrors).toEqual([]);
  });

  it('R-X2 zh/en switch mid-form keeps typed values; the button names the other language; html lang follows', async () => {
    const page = await kiosk();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('button', { name: '没有预约，登记来访' }).click();
    await page.getByLabel('手机号码').fill('13500135000');
    await continueButton(page).click();
    await page.getByLabel('姓名').fill('王小明');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await waitHeading(page, 'What is your full name?');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('button', { name: '中文', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'English', exact: true }).count()).toBe(0);
    expect(await page.getByLabel('Full name').inputValue()).toBe('王小明');
    await screenshot(page, 'kiosk-walkin-name-en');
    await page.getByRole('button', { name: 'Back' }).click();
    expect(await page.getByLabel('Mobile number').inputValue()).toBe('13500135000');
    await page.getByRole('button', { name: '中文', exact: true }).click();
    expect(await heading(page)).toBe('请输入您的手机号码');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('button', { name: '取消，重新开始' }).click();
    await waitHeading(page, '欢迎光临');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await waitHeading(page, 'Welcome');
    await screenshot(page, 'kiosk-welcome-en');
    expect(h.pageErrors).toEqual([]);
  });

  it('K13 bad input: summary text equals the inline message, typed text kept, focus on the summary', async () => {
    const page = await kiosk();
    const inlineMessage = (label: string): Promise<string> =>
      page.getByLabel(label, { exact: true }).evaluate((el) => {
        const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'));
        return ids.map((id) => document.getElementById(id)?.textContent ?? '').join('');
      });
    const summaryItems = async (): Promise<string[]> => page.getByRole('alert').getByRole('listitem').allTextContents();
    const focusIsOnSummary = (): Promise<boolean> => page.evaluate(() => document.activeElement?.getAttribute('role') === 'alert');

    await page.getByRole('button', { name: '没有预约，登记来访' }).click();
    await page.getByLabel('手机号码').fill('12345');
    await continueButton(page).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('heading', { name: '出现问题' }).isVisible()).toBe(true);
    expect(await summaryItems()).toEqual(['请输入 11 位手机号码，如 138 0013 8000']);
    expect(await inlineMessage('手机号码')).toBe('请输入 11 位手机号码，如 138 0013 8000');
    expect(await page.getByLabel('手机号码').inputValue()).toBe('12345');
    expect(await focusIsOnSummary()).toBe(true);
    await screenshot(page, 'kiosk-error-summary-phone');
    // The message follows the language.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    expect(await summaryItems()).toEqual(['Enter an 11-digit mobile number, like 138 0013 8000']);
    await page.getByRole('button', { name: '中文', exact: true }).click();

    // Empty is its own message.
    await page.getByLabel('手机号码').fill('');
    await continueButton(page).click();
    expect(await summaryItems()).toEqual(['请输入手机号码，如 138 0013 8000']);

    await walkInFromPhone(page);
    await page.getByLabel('身份证号码（18 位）').fill('440524188001010015');
    await continueButton(page).click();
    await page.getByRole('alert').waitFor();
    const expected = ['身份证号码最后一位不正确，请核对', '请勾选同意，我们才能登记您的证件信息'];
    expect(await summaryItems()).toEqual(expected);
    expect(await inlineMessage('身份证号码（18 位）')).toBe(expected[0]);
    expect(await page.getByLabel('身份证号码（18 位）').inputValue()).toBe('440524188001010015');
    expect(await focusIsOnSummary()).toBe(true);
    await screenshot(page, 'kiosk-error-summary-id');
    // Tapping a summary item takes the visitor to the field.
    await page.getByRole('alert').getByRole('button', { name: expected[0] }).click();
    expect(await page.getByLabel('身份证号码（18 位）').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(h.pageErrors).toEqual([]);
  });

  it('K12 host search: nothing for empty or one letter; "zs" → ≤ 5 rows with 张三 · 研发部 and no phone digits', async () => {
    const page = await kiosk();
    await page.getByRole('button', { name: '没有预约，登记来访' }).click();
    await page.getByLabel('手机号码').fill('13400134000');
    await continueButton(page).click();
    await page.getByLabel('姓名').fill('赵六');
    await continueButton(page).click();
    await continueButton(page).click();
    await page.getByLabel('商务洽谈').check();
    await continueButton(page).click();
    await waitHeading(page, '请问您要拜访哪一位？');
    const results = page.getByRole('list', { name: '搜索结果' });
    expect(await results.count()).toBe(0);
    await page.getByLabel('被访人姓名或拼音首字母').fill('z');
    expect(await results.count()).toBe(0);
    expect(await page.getByRole('button', { name: /研发部/ }).count()).toBe(0);
    // Continue without a host: the hostId message.
    await continueButton(page).click();
    expect(await page.getByRole('alert').getByRole('listitem').allTextContents()).toEqual(['请选择被访人']);
    await page.getByLabel('被访人姓名或拼音首字母').fill('zs');
    await results.waitFor();
    const rows = await results.getByRole('listitem').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(5);
    expect(rows.some((r) => r.startsWith('张三 · 研发部'))).toBe(true);
    for (const r of rows) expect(r).not.toMatch(/\d/);
    await screenshot(page, 'kiosk-host-results');
    await page.getByLabel('被访人姓名或拼音首字母').fill('张');
    expect(await results.getByRole('listitem').count()).toBeLessThanOrEqual(5);
    expect(await results.count()).toBe(1);
    expect(h.pageErrors).toEqual([]);
  });
});

/** From the phone screen (with a valid phone typed) on to the identity screen. */
async function walkInFromPhone(page: Page): Promise<void> {
  await page.getByLabel('手机号码').fill('13900139000');
  await continueButton(page).click();
  await page.getByLabel('姓名').fill('周七');
  await continueButton(page).click();
  await continueButton(page).click();
  await page.getByLabel('面试').check();
  await continueButton(page).click();
  await page.getByLabel('被访人姓名或拼音首字母').fill('zs');
  await page.getByRole('button', { name: /张三 · 研发部/ }).click();
  await continueButton(page).click();
  await waitHeading(page, '请登记您的证件');
}
