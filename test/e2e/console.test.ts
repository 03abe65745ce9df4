import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, startHarness, type Harness } from './harness';
import { deskSignIn, idbAll, localInput, openConsole, tab, type AuditRow } from './console-helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function fresh(): Promise<Page> {
  return openConsole(() => h.open('console', { context: undefined }));
}

interface ApptInput {
  name: string;
  start: string;
  end: string;
  vip?: boolean;
}

async function fillAppointment(page: Page, a: ApptInput): Promise<void> {
  await page.keyboard.press('Control+n');
  const d = page.getByRole('dialog', { name: '新建预约' });
  await d.getByLabel('姓名').fill(a.name);
  await d.getByLabel('手机号码').fill('13912345678');
  await d.getByLabel('来访类别').selectOption({ label: '商务洽谈' });
  await d.getByLabel('被访人', { exact: true }).fill('zs');
  await d.getByLabel('被访人', { exact: true }).press('Enter');
  await d.getByLabel('开始时间').fill(a.start);
  await d.getByLabel('结束时间').fill(a.end);
  if (a.vip) await d.getByLabel('VIP 接待（需行政部审批）').check();
}

describe('console', () => {
  it('R-V1: an ordinary appointment gets a 6-digit code and QR and is expected today', async () => {
    const page = await fresh();
    await fillAppointment(page, { name: '赵一鸣', start: localInput(0, 22), end: localInput(0, 23) });
    const d = page.getByRole('dialog', { name: '新建预约' });
    await d.getByRole('button', { name: '创建预约' }).click();
    const code = (await d.getByTestId('appointment-code').textContent()) ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await d.getByRole('img', { name: `预约码 ${code} 的二维码` }).waitFor();
    await screenshot(page, 'console-appointment-code');
    await d.getByRole('button', { name: '完成' }).click();
    await page.keyboard.press('Alt+1');
    const expected = page.getByRole('table', { name: /预计今日到访/ });
    await expected.getByRole('row', { name: new RegExp(`赵一鸣.*${code}`) }).waitFor();
    await screenshot(page, 'console-board');
    await page.keyboard.press('Alt+2');
    await page.getByRole('table', { name: '今日及以后的预约' }).getByRole('row', { name: /赵一鸣/ }).waitFor();
    await screenshot(page, 'console-appointments');
    expect(h.pageErrors).toEqual([]);
  });

  it('R-V2: a late VIP is refused unless the emergency path is logged; an early VIP waits for approval', async () => {
    const page = await fresh();
    await fillAppointment(page, { name: '钱大伟', start: localInput(1, 10), end: localInput(1, 11), vip: true });
    const d = page.getByRole('dialog', { name: '新建预约' });
    await d.getByRole('button', { name: '创建预约' }).click();
    const lead = /VIP 接待需至少提前 3 个工作日申请/;
    await d.getByRole('alert').getByText(lead).waitFor();
    expect(await d.getByText(lead).count()).toBe(2); // summary and by the field
    await screenshot(page, 'console-appointment-vip-refused');
    await d.getByLabel('紧急通道').check();
    await d.getByLabel('紧急原因').fill('客户高管临时来访');
    await d.getByRole('button', { name: '创建预约' }).click();
    await d.getByTestId('appointment-code').waitFor();
    await d.getByRole('button', { name: '完成' }).click();
    const audit = await idbAll<AuditRow>(page, 'audit');
    expect(audit.some((a) => a.action === 'appointment.vipEmergency' && a.detail === '客户高管临时来访' && a.actor === '李娜')).toBe(true);
    await page.getByRole('complementary', { name: /提醒/ }).getByText('钱大伟 的 VIP 预约走紧急通道，原因：客户高管临时来访').waitFor();

    await fillAppointment(page, { name: '孙远航', start: localInput(7, 10), end: localInput(7, 11), vip: true });
    await d.getByRole('button', { name: '创建预约' }).click();
    await d.getByText('此 VIP 预约待行政部审批').waitFor();
    await d.getByRole('button', { name: '完成' }).click();
    await page.keyboard.press('Alt+2');
    const row = page.getByRole('table', { name: '今日及以后的预约' }).getByRole('row', { name: /孙远航/ });
    await row.getByText('待审批').waitFor();
    await row.getByRole('button', { name: '批准 孙远航 的预约' }).click();
    const confirm = page.getByRole('dialog', { name: '批准 孙远航 的 VIP 预约' });
    await confirm.getByLabel(/备注/).fill('行政部同意');
    await confirm.getByRole('button', { name: '批准', exact: true }).click();
    await row.getByText('已批准').waitFor();
    expect(h.pageErrors).toEqual([]);
  });

  it('R-V4/R-V5: desk sign-in keeps typed text on errors, then notifies the host; the acknowledgement shows who and when without stealing focus', async () => {
    const page = await fresh();
    await deskSignIn(page, { name: '王小明', phone: '12345', idNumber: '110105194912310021' });
    const d = page.getByRole('dialog', { name: '前台登记来访' });
    const summary = d.getByRole('alert');
    await summary.getByText('请输入 11 位手机号码，如 138 0013 8000').waitFor();
    await summary.getByText('身份证号码最后一位不正确，请核对').waitFor();
    expect(await d.getByText('身份证号码最后一位不正确，请核对').count()).toBe(2);
    expect(await d.getByLabel('姓名').inputValue()).toBe('王小明');
    expect(await d.getByLabel('手机号码').inputValue()).toBe('12345');
    expect(await d.getByLabel('手机号码').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'console-signin-errors');
    await d.getByLabel('手机号码').fill('138 0013 8000');
    await d.getByLabel('证件号码').fill('440524188001010014');
    await d.getByRole('button', { name: '登记并通知被访人' }).click();
    await page.getByRole('table', { name: /^在访/ }).getByRole('row', { name: /王小明/ }).waitFor();
    const alerts = page.getByRole('complementary', { name: /提醒/ });
    await alerts.getByText('请拨打分机 8001 通知 张三（研发部）：王小明 已到访').waitFor();

    // C4: the operator is typing in the search box; acknowledging with the mouse leaves the caret there.
    const search = page.getByRole('searchbox', { name: '搜索' });
    await search.fill('王');
    await alerts.getByRole('button', { name: '确认 王小明 的提醒' }).click();
    await alerts.getByText(/^已确认 李娜 \d\d:\d\d$/).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await screenshot(page, 'console-alert-acknowledged');

    // C4: an alert that arrives (from another desk window) while the operator types does not move focus;
    // F8 acknowledges it from the keyboard, and the caret stays in the search box.
    await search.fill('');
    await search.pressSequentially('吴');
    const other = await h.open('console', { context: page.context() });
    await other.getByRole('heading', { level: 1 }).waitFor();
    await deskSignIn(other, { name: '吴晓雯', phone: '13800138002', idNumber: '440524188001010014', host: '张三' });
    await alerts.getByText('请拨打分机 8001 通知 张三（研发部）：吴晓雯 已到访').waitFor();
    const focused = (): Promise<[string | null | undefined, string | undefined]> =>
      page.evaluate(() => [document.activeElement?.getAttribute('type'), (document.activeElement as HTMLInputElement | null)?.value]);
    expect(await focused()).toEqual(['search', '吴']);
    await page.keyboard.press('F8');
    await alerts.getByRole('list', { name: '已处理' }).getByText('吴晓雯', { exact: false }).waitFor();
    await expect.poll(() => alerts.getByRole('button', { name: '确认 吴晓雯 的提醒' }).count()).toBe(0);
    expect(await focused()).toEqual(['search', '吴']);
    expect(h.pageErrors).toEqual([]);
  });

  it('R-V5: an arrival not acknowledged within the configured minutes is shown as overdue, asking to escalate', async () => {
    const context = await h.newContext();
    await context.clock.install();
    const page = await openConsole(() => h.open('console', { context }));
    await deskSignIn(page, { name: '冯启明', phone: '13800138003', idNumber: '440524188001010014' });
    const alerts = page.getByRole('complementary', { name: /提醒/ });
    await alerts.getByText('请拨打分机 8001 通知 张三（研发部）：冯启明 已到访').waitFor();
    expect(await alerts.getByText(/未确认，请联系其同事或部门/).count()).toBe(0);
    await page.clock.fastForward('10:00');
    await alerts.getByText(/^超过 \d+ 分钟未确认，请联系其同事或部门$/).waitFor();
    await screenshot(page, 'console-alert-overdue');
    expect(h.pageErrors).toEqual([]);
  });

  it('R-V7: a watch-list mobile holds the visitor; the console shows the reason and the desk admits', async () => {
    const page = await fresh();
    await page.keyboard.press('Alt+5');
    await page.getByLabel('手机号码').fill('137 1111 2222');
    await page.getByLabel('级别').selectOption({ label: '重点关注' });
    await page.getByLabel('原因（仅前台可见）').fill('上月在大堂争吵，需行政部陪同');
    await page.getByRole('button', { name: '加入', exact: true }).click();
    await page.getByRole('table', { name: '黑名单' }).getByRole('row', { name: /137\*\*\*\*2222/ }).waitFor();
    await screenshot(page, 'console-watchlist');
    await page.keyboard.press('Alt+1');
    await deskSignIn(page, { name: '周小川', phone: '13711112222', idNumber: '440524188001010014' });
    const row = page.getByRole('table', { name: /^在访/ }).getByRole('row', { name: /周小川/ });
    await row.getByText('待前台处理').waitFor();
    const alerts = page.getByRole('complementary', { name: /提醒/ });
    await alerts.getByText('原因：上月在大堂争吵，需行政部陪同').waitFor();
    await screenshot(page, 'console-watch-hit');
    await alerts.getByRole('button', { name: '放行 周小川' }).click();
    const dialog = page.getByRole('dialog', { name: '放行 周小川' });
    await dialog.getByRole('button', { name: '放行' }).click();
    await dialog.getByText('请填写，此项会记入日志').waitFor();
    await dialog.getByLabel('备注').fill('行政部王经理到场陪同');
    await dialog.getByRole('button', { name: '放行' }).click();
    await row.getByText('在访', { exact: true }).waitFor();
    const audit = await idbAll<AuditRow>(page, 'audit');
    expect(audit.some((a) => a.action === 'visit.admit' && a.detail === '行政部王经理到场陪同')).toBe(true);
    expect(h.pageErrors).toEqual([]);
  });

  it('R-V6, R-V9, R-S2: escort toggle; register search, masked CSV export and audited unmasking', async () => {
    const page = await fresh();
    await deskSignIn(page, { name: '吴敏', phone: '13800138000', idNumber: '440524188001010014' });
    const escort = page.getByRole('checkbox', { name: '吴敏 需陪同' });
    await escort.waitFor();
    expect(await escort.isChecked()).toBe(true);
    await escort.uncheck();
    await page.getByRole('table', { name: /^在访/ }).getByRole('row', { name: /吴敏/ }).getByText('无需陪同').waitFor();
    let audit = await idbAll<AuditRow>(page, 'audit');
    expect(audit.some((a) => a.action === 'visit.escort' && a.detail === 'not required')).toBe(true);

    const visits = await idbAll<{ id: string; name: string; state: string; phone: string }>(page, 'visits');
    const demo = visits.find((v) => v.state === 'signedOut')!;
    await page.keyboard.press('Alt+3');
    await page.keyboard.press('Control+k');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type(demo.name);
    const table = page.getByRole('table', { name: '登记簿' });
    await table.getByRole('row', { name: new RegExp(demo.name) }).first().waitFor();
    const names = await table.locator('tbody tr td:first-child').allTextContents();
    expect(names.every((n) => n.includes(demo.name))).toBe(true);
    await screenshot(page, 'console-register');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toContain('姓名');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => /1\d\d\*{4}\d{4}/.test(l))).toBe(true);
    expect(csv).not.toMatch(/1\d{10}/);

    await table.getByRole('button', { name: `显示 ${demo.name} 的完整证件号码（记入日志）` }).first().click();
    await table.getByRole('button', { name: `显示 ${demo.name} 的完整证件号码（记入日志）` }).first().waitFor({ state: 'detached' });
    audit = await idbAll<AuditRow>(page, 'audit');
    expect(audit.some((a) => a.action === 'pii.view' && a.detail === 'idNumber' && a.actor === '李娜')).toBe(true);
    expect(h.pageErrors).toEqual([]);
  });

  it('R-V10: the on-site list matches the board, prints as a roll call, and marks people safe live across windows', async () => {
    const page = await fresh();
    const expected = page.getByRole('table', { name: /预计今日到访/ });
    await expected.getByRole('button', { name: /^为 .+ 签到$/ }).first().click();
    await expected.getByRole('button', { name: /^为 .+ 签到$/ }).first().click();
    await deskSignIn(page, { name: '郑好', phone: '13800138001', idNumber: '440524188001010014' });
    const onSite = page.getByRole('table', { name: /^在访/ });
    await onSite.getByRole('row', { name: /郑好/ }).waitFor();
    const boardCount = await onSite.locator('tbody tr').count();
    expect(boardCount).toBe(3);
    const heading = (await page.getByRole('heading', { name: /^在访/ }).textContent()) ?? '';
    expect(heading).toContain('3');
    await page.keyboard.press('Alt+4');
    const list = page.getByRole('table', { name: '在场人员' });
    await list.getByRole('row', { name: /郑好/ }).waitFor();
    expect(await list.locator('tbody tr').count()).toBe(boardCount);
    expect(await page.getByTestId('onsite-count').textContent()).toBe(String(boardCount));
    await screenshot(page, 'console-onsite');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: '功能' }).isVisible()).toBe(false);
    expect(await page.getByRole('complementary').isVisible()).toBe(false);
    await screenshot(page, 'console-onsite-print');
    await page.emulateMedia({ media: 'screen' });

    // A drill roll call: a second desk window sees the first one's marks at once.
    await page.getByRole('button', { name: '开始疏散演练点名' }).click();
    const other = await h.open('console', { context: page.context() });
    await other.getByRole('heading', { level: 1 }).waitFor();
    await other.keyboard.press('Alt+4');
    const otherList = other.getByRole('table', { name: '在场人员' });
    await list.getByRole('button', { name: '标记 郑好 已安全' }).click();
    await otherList.getByRole('row', { name: /郑好/ }).getByText(/^已安全（李娜 \d\d:\d\d）$/).waitFor();
    await other.getByRole('status').filter({ hasText: /演练点名中.*已安全 1 \/ 3/ }).waitFor();
    await screenshot(page, 'console-onsite-rollcall');
    await other.getByRole('button', { name: '结束点名' }).click();
    await other.getByRole('dialog', { name: '结束点名' }).getByRole('button', { name: '结束点名' }).click();
    await page.getByRole('button', { name: '开始疏散演练点名' }).waitFor();
    const audit = await idbAll<AuditRow>(page, 'audit');
    expect(audit.filter((a) => a.action.startsWith('evacuation.')).map((a) => a.action).sort()).toEqual(['evacuation.end', 'evacuation.safe', 'evacuation.start']);
    expect(h.pageErrors).toEqual([]);
  });

  it('R-V12: sign out all remaining needs a reason, leaves nobody on site and records the reason', async () => {
    const page = await fresh();
    const expected = page.getByRole('table', { name: /预计今日到访/ });
    await expected.getByRole('button', { name: /^为 .+ 签到$/ }).first().click();
    await expected.getByRole('button', { name: /^为 .+ 签到$/ }).first().click();
    const onSite = page.getByRole('table', { name: /^在访/ });
    await expect.poll(() => onSite.getByRole('button', { name: /^为 .+ 签离$/ }).count()).toBe(2);
    await page.getByRole('button', { name: '全部签离' }).click();
    const d = page.getByRole('dialog', { name: '全部签离' });
    await d.getByRole('button', { name: '确认全部签离' }).click();
    await d.getByText('请填写，此项会记入日志').waitFor();
    await screenshot(page, 'console-day-end');
    await d.getByLabel('原因').fill('闭馆清场');
    await d.getByRole('button', { name: '确认全部签离' }).click();
    await page.getByText('已为 2 人办理签离').waitFor();
    // The toast can come a frame before the board's live query re-renders.
    await expect.poll(() => onSite.getByRole('button', { name: /签离$/ }).count()).toBe(0);
    const visits = await idbAll<{ state: string }>(page, 'visits');
    expect(visits.filter((v) => v.state === 'onSite')).toEqual([]);
    const audit = await idbAll<AuditRow>(page, 'audit');
    expect(audit.filter((a) => a.action === 'visit.signOut' && a.detail === 'dayEnd: 闭馆清场')).toHaveLength(2);
    expect(h.pageErrors).toEqual([]);
  });

  it('C5, R-X2: table cells are ≥ 14 px in 32–48 px rows; the language switch changes <html lang> and labels and persists', async () => {
    const page = await fresh();
    const expected = page.getByRole('table', { name: /预计今日到访/ });
    await expected.getByRole('row', { name: /100001/ }).waitFor();
    const sizes = await expected.evaluate((t) =>
      [...t.querySelectorAll('tbody tr')].map((tr) => ({
        h: tr.getBoundingClientRect().height,
        font: parseFloat(getComputedStyle(tr.querySelector('td')!).fontSize),
      })),
    );
    expect(sizes.length).toBeGreaterThan(0);
    for (const s of sizes) {
      expect(s.font).toBeGreaterThanOrEqual(14);
      expect(s.h).toBeGreaterThanOrEqual(32);
      expect(s.h).toBeLessThanOrEqual(48);
    }
    // C4: the focus ring is at least 2 px.
    await page.keyboard.press('Alt+1');
    await page.getByRole('button', { name: /前台登记/ }).focus();
    const ring = await page.evaluate(() => parseFloat(getComputedStyle(document.activeElement!).outlineWidth));
    expect(ring).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('F1');
    await page.getByRole('dialog', { name: '快捷键一览' }).getByText('Ctrl+K').waitFor();
    await screenshot(page, 'console-help');
    await page.keyboard.press('Escape');

    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('button', { name: /English/ }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /Visitor board/ }).waitFor();
    await page.getByRole('table', { name: /Expected today/ }).waitFor();
    await screenshot(page, 'console-board-en');
    await page.reload();
    await page.getByRole('table', { name: /Expected today/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: /中文/ }).click();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('table', { name: /预计今日到访/ }).waitFor();
    await screenshot(page, 'console-board-1366');
    await tab(page, /登记簿/);
    const register = page.getByRole('table', { name: '登记簿' });
    await expect.poll(() => register.locator('tbody tr').count()).toBe(50);
    const heights = await register.evaluate((t) => [...t.querySelectorAll('tbody tr')].map((tr) => tr.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThanOrEqual(48);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(32);
    await screenshot(page, 'console-register-1366');
    expect(h.pageErrors).toEqual([]);
  });
});
