import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './harness';
import { smdr, startPbxWorld, type PbxWorld } from './switchboard-pbx';

/**
 * Issue 4, the console side of the switchboard: the PBX settings screen set
 * to a real socat pty, the top-bar link indicator, the Ctrl+K palette, the
 * three-ring share per operator and the phone bill as XLSX. The service
 * starts with collection off: the screen is what points it at the pty.
 */
let w: PbxWorld;
let page: Page;

beforeAll(async () => {
  w = await startPbxWorld({ linkOff: true });
  page = await w.open();
  // The desk's shift log as if 李娜 had signed in ten minutes ago: the PBX stamps calls to the
  // minute, so a sign-in in the same minute as a call would make the attribution a matter of luck.
  await page.evaluate(
    (value) =>
      new Promise<void>((done, fail) => {
        const req = indexedDB.open('frontdesk');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').put({ key: 'console.operatorShifts', value });
          tx.oncomplete = () => {
            req.result.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    JSON.stringify([{ at: new Date(Date.now() - 10 * 60_000).toISOString(), operator: '李娜' }]),
  );
});
afterAll(async () => {
  await w?.close();
});

const hhmm = (d: Date): string => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
const log = (): ReturnType<Page['getByRole']> => page.getByRole('table', { name: '通话记录' });
const topPbx = (): ReturnType<Page['getByTestId']> => page.getByTestId('topbar-pbx');

describe('switchboard console: settings, link indicator, palette, share per operator, XLSX', () => {
  it('issue 4, R-C1, R-O3: the settings screen sets the source to a real pty; errors name the field; a line written on the pty shows in the log', async () => {
    await page.keyboard.press('Alt+6');
    await expect.poll(() => topPbx().textContent()).toMatch(/电话交换机 · 未开启/);
    await page.getByRole('button', { name: '话单采集设置' }).click();
    const d = page.getByRole('dialog', { name: '话单采集设置' });
    await d.getByLabel('数据来源').selectOption({ label: '串口' });
    // The machine's ports are listed (serialport's list); a pty is not among them, so the path is typed.
    await d.getByLabel('本机串口').waitFor();
    expect(await d.getByLabel('本机串口').locator('option').allTextContents()).not.toContain(w.ptyPath);
    await d.getByLabel('波特率').fill('96OO');
    await d.getByRole('button', { name: '应用并重新连接' }).click();
    // Errors say which field and why, by the field and in the summary.
    await d.getByRole('alert').getByText('请填写串口设备路径').waitFor();
    await d.getByText('波特率应为整数').first().waitFor();
    expect(await d.getByLabel('串口设备路径').getAttribute('aria-invalid')).toBe('true');

    // A path that does not exist is saved, and the field says the link cannot be opened and why.
    await d.getByLabel('串口设备路径').fill('/dev/frontdesk-no-such-port');
    await d.getByLabel('波特率').fill('9600');
    await d.getByRole('button', { name: '应用并重新连接' }).click();
    await d.getByText(/已保存，但无法建立连接（系统信息：cannot open \/dev\/frontdesk-no-such-port/).waitFor();
    await expect.poll(() => topPbx().textContent()).toMatch(/电话交换机 · 自 \d{2}:\d{2} 起中断/);

    await d.getByLabel('串口设备路径').fill(w.ptyPath);
    await d.getByLabel('波特率').fill('9600');
    await d.getByLabel('校验位').selectOption({ label: '无' });
    await d.getByLabel('话单格式').selectOption({ label: '松下 KX-TDA/TDE/NS（格式 C）' });
    await d.getByLabel('日期顺序').selectOption({ label: '月/日/年' });
    await d.getByRole('button', { name: '应用并重新连接' }).click();
    await d.getByRole('status').filter({ hasText: '话单连接正常' }).waitFor();
    await expect.poll(() => topPbx().textContent()).toMatch(/电话交换机 · 连接正常/);
    await screenshot(page, 'console-pbx-settings');
    await page.keyboard.press('Escape');
    await d.waitFor({ state: 'hidden' });

    w.print(smdr('6001', '13911112222', { in: { ringSec: 4, talkSec: 40 } }));
    await log().getByRole('row', { name: /13911112222/ }).waitFor();
    // The indicator now carries the time of the last record.
    await expect.poll(() => topPbx().textContent()).toMatch(/最后一条 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(w.pageErrors).toEqual([]);
  });

  it('ux.md C3: Ctrl+K searches staff by initials, tenants, calls by number and actions; keyboard only; an arriving call does not take focus', async () => {
    await page.keyboard.press('Control+k');
    const p = page.getByRole('dialog', { name: '全局搜索' });
    const input = p.getByRole('combobox', { name: '搜索功能、通讯录和通话' });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('zs');
    await p.getByRole('group', { name: '员工' }).getByRole('option', { name: /张三/ }).waitFor();
    await screenshot(page, 'console-palette-staff');
    // The first option is active; Enter opens 张三 in the directory.
    await expect.poll(() => p.getByRole('option', { selected: true }).textContent()).toMatch(/张三/);
    await page.keyboard.press('Enter');
    await p.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByLabel('搜索通讯录').inputValue()).toBe('张三');
    await page.getByRole('table', { name: /内部员工/ }).getByRole('row', { name: /张三/ }).waitFor();

    // A number: the call already logged, and one that arrives while the palette is open.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('1391111');
    await p.getByRole('group', { name: '通话' }).getByRole('option').first().waitFor();
    w.print(smdr('6002', '13911113333', { in: { ringSec: 6, talkSec: 20 } }));
    await expect.poll(() => p.getByRole('group', { name: '通话' }).getByRole('option').count(), { timeout: 15_000 }).toBe(2);
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await input.inputValue()).toBe('1391111');
    // Newest first; ↓ walks the options (staff whose mobiles hold these digits come first).
    const texts = await p.getByRole('option').allTextContents();
    const older = texts.findIndex((t) => /139\*{4}2222/.test(t));
    expect(older).toBeGreaterThan(texts.findIndex((t) => /139\*{4}3333/.test(t)));
    for (let i = 0; i < older; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => p.getByRole('option', { selected: true }).textContent()).toMatch(/139\*{4}2222/);
    await page.keyboard.press('Enter');
    await p.waitFor({ state: 'hidden' });
    await expect.poll(() => log().locator('tr[aria-selected="true"]').textContent()).toContain('13911112222');

    // Actions by name; Esc closes without doing anything.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('话单采集');
    await p.getByRole('group', { name: '功能' }).getByRole('option', { name: /话单采集设置/ }).waitFor();
    await page.keyboard.press('Escape');
    await p.waitFor({ state: 'hidden' });
    expect(await page.getByRole('dialog', { name: '话单采集设置' }).count()).toBe(0);
    expect(w.pageErrors).toEqual([]);
  });

  it('R-C4, R-M1: the three-ring share is shown per operator on shift', async () => {
    // 李娜 signed in when the page opened; two calls so far, both within 15 s.
    const share = page.getByRole('table', { name: /各值班员 15 秒内接听率/ });
    await expect.poll(() => share.getByRole('row', { name: /李娜/ }).textContent()).toMatch(/李娜\s*2\s*2\s*0\s*100%/);
    // 王芳 takes over; her calls are stamped after the handover by the PBX clock.
    await page.getByLabel('当班').fill('王芳');
    const later = new Date(Date.now() + 2 * 60_000);
    w.print(smdr('6001', '13922223333', { in: { ringSec: 25, talkSec: 30 } }, later), smdr('6001', '13922224444', { in: { ringSec: 5, talkSec: 30 } }, later), smdr('6001', '13922225555', { in: { ringSec: 30, talkSec: 0, missed: true } }, later));
    await log().getByRole('row', { name: /13922225555/ }).waitFor();
    await expect.poll(() => share.getByRole('row', { name: /王芳/ }).textContent()).toMatch(/王芳\s*3\s*1\s*1\s*33%/);
    await expect.poll(() => share.getByRole('row', { name: /李娜/ }).textContent()).toMatch(/李娜\s*2\s*2\s*0\s*100%/);
    await share.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-operator-share');
  });

  it('R-C9: the phone bill exports to XLSX beside CSV, with per-extension, department and tenant sheets whose totals match the screen', async () => {
    w.print(smdr('6001', '13912345678', { out: { talkSec: 125 } }), smdr('8001', '13912345679', { out: { talkSec: 61 } }));
    await log().getByRole('row', { name: /13912345679/ }).waitFor();
    await page.keyboard.press('Alt+9');
    const byExt = page.getByRole('table', { name: '按分机' });
    await byExt.getByRole('row', { name: /^8001/ }).waitFor();
    const screenTotal = (await byExt.locator('tfoot tr td').allTextContents()).map(Number);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel（XLSX）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^phone-bill-\d{4}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    expect(wb.worksheets.map((s) => s.name.split(' ')[0])).toEqual(['按分机', '按部门', '按租户']);
    const ext = wb.worksheets[0]!;
    const total = ext.getRow(ext.rowCount);
    const result = (c: number): unknown => {
      const v = total.getCell(c).value;
      return typeof v === 'object' && v !== null && 'result' in v ? v.result : v;
    };
    expect(total.getCell(1).value).toBe('合计');
    expect([result(3), result(4), result(5)]).toEqual(screenTotal);
    // Each extension row is typed: numbers, not text.
    const row8001 = ext.getRows(2, ext.rowCount - 2)!.find((r) => r.getCell(1).value === '8001')!;
    expect(typeof row8001.getCell(5).value).toBe('number');
    expect(w.pageErrors).toEqual([]);
  });

  it('R-O3: pulling the cable turns the top-bar indicator to "disconnected since HH:MM"', async () => {
    const before = hhmm(new Date());
    w.killLink();
    await expect.poll(() => topPbx().textContent(), { timeout: 15_000 }).toMatch(/电话交换机 · 自 \d{2}:\d{2} 起中断/);
    const shown = /自 (\d{2}:\d{2}) 起中断/.exec((await topPbx().textContent()) ?? '')![1]!;
    expect([before, hhmm(new Date())]).toContain(shown);
    expect(await topPbx().getAttribute('class')).toContain('device-disconnected');
    await screenshot(page, 'console-topbar-pbx-down');
  });
});
