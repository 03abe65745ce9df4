/**
 * Badge printing and machine-room passes end to end (R-V6, R-X3, R-P1…R-P3;
 * ux.md K4, K14, C8/C9, B4): a real IPP printer (ippeveprinter) behind the
 * kiosk and the console, and the 09:00 handover sheet on the page clock.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestPrinter, freePort } from '../unit/printer/ippeveprinter';
import { SCREENSHOT_DIR, screenshot, startHarness, type Harness } from './harness';
import { deskSignIn, idbAll, openConsole, tab, type AuditRow } from './console-helpers';
import { GOOD, fillId, walkInToId, waitHeading } from './kiosk-helpers';

let h: Harness;
const OPEN_ALERTS = '待处理提醒';
let printer: TestPrinter;

beforeAll(async () => {
  h = await startHarness();
  printer = await TestPrinter.start();
}, 60_000);

afterAll(async () => {
  await h?.close();
  await printer?.stop();
});

function findPdf(dir: string, part: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const inner = findPdf(p, part);
      if (inner) return inner;
    } else if (e.name.toLowerCase().includes(part.toLowerCase()) && e.name.endsWith('.pdf')) return p;
  }
  return undefined;
}

/** The badge PDF as a PNG beside the screenshots, to be looked at (ux.md B2–B5). */
function pdfToPng(pdf: string, name: string): void {
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, join(SCREENSHOT_DIR, name)]);
}

async function sign(page: Page, label: string): Promise<void> {
  const box = await page.getByRole('img', { name: label }).boundingBox();
  if (!box) throw new Error(`no signature pad ${label}`);
  await page.mouse.move(box.x + 30, box.y + box.height * 0.7);
  await page.mouse.down();
  for (const [dx, dy] of [[0.2, 0.3], [0.35, 0.65], [0.5, 0.25], [0.7, 0.6], [0.85, 0.35]] as const) {
    await page.mouse.move(box.x + box.width * dx, box.y + box.height * dy, { steps: 4 });
  }
  await page.mouse.up();
}

/** A loopback SMTP relay standing in for the site's mail server; mails are kept raw. */
async function startRelay(port: number): Promise<{ mails: { to: string[]; raw: string }[]; close: () => Promise<void> }> {
  const mails: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  expect((server.server.address() as AddressInfo).port).toBe(port);
  return { mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const ipp = (uri: string): Promise<unknown> =>
  h.server.services.handle('console', 'printing:updateSettings', { output: 'ipp', ippUri: uri, zplHost: '', zplPort: 9100, medium: 'ql62x100' });

it('R-V6/R-X3 (K4, K14): kiosk sign-in prints on the IPP printer; printer offline → "collect at the desk", the console shows the failed job and reprints it', async () => {
  await ipp(printer.uri);
  const context = await h.newContext();
  const kiosk = await h.open('kiosk', { context });
  await walkInToId(kiosk, GOOD);
  await fillId(kiosk, GOOD.idNumber);
  await waitHeading(kiosk, '签到成功');
  // K4: the first badge starts Chromium, so the words are on screen for a while.
  await kiosk.getByRole('status').filter({ hasText: '正在打印胸卡…' }).waitFor();
  await screenshot(kiosk, 'passes-kiosk-printing');
  await kiosk.getByRole('status').filter({ hasText: '胸卡已打印' }).waitFor({ timeout: 20_000 });
  await screenshot(kiosk, 'passes-kiosk-printed');
  const visits = await idbAll<{ name: string; badgeCode: string }>(kiosk, 'visits');
  const first = visits.find((v) => v.name === GOOD.name)!;
  await expect.poll(() => findPdf(printer.spool, first.badgeCode)).toBeTruthy();
  const spooled = findPdf(printer.spool, first.badgeCode)!;
  const text = execFileSync('pdftotext', [spooled, '-'], { encoding: 'utf8' });
  expect(text).toContain(GOOD.name);
  expect(text).toContain(first.badgeCode);
  pdfToPng(spooled, 'passes-badge-kiosk');

  // Printer off: the visitor is sent to the desk, calmly, with no error code (K14).
  await printer.stop();
  await kiosk.getByRole('button', { name: '完成' }).click();
  const second = { ...GOOD, phone: '13900139000', name: '陈静怡' };
  await walkInToId(kiosk, second);
  await fillId(kiosk, second.idNumber);
  await waitHeading(kiosk, '签到成功');
  await kiosk.getByRole('status').filter({ hasText: '请到前台领取您的访客胸卡' }).waitFor({ timeout: 15_000 });
  expect(await kiosk.locator('main').textContent()).not.toMatch(/offline|ECONN|错误|error/i);
  await screenshot(kiosk, 'passes-kiosk-collect-at-desk');

  const desk = await openConsole(() => h.open('console', { context }));
  // C8/C9: one persistent warning in the strip, not a toast per job.
  const warning = desk.getByRole('banner').getByRole('status').filter({ hasText: '胸卡打印机离线' });
  await warning.waitFor();
  await expect.poll(() => desk.getByText('胸卡打印机离线').count()).toBe(1);
  await tab(desk, /^访客证/);
  const failed = desk.getByRole('table', { name: '打印失败的胸卡' });
  await failed.getByRole('row', { name: /陈静怡/ }).waitFor();
  expect(await failed.getByRole('row', { name: /陈静怡/ }).textContent()).toContain('打印机离线');
  await screenshot(desk, 'passes-console-failed-job');

  await printer.start();
  await failed.getByRole('button', { name: '重新打印 陈静怡 的胸卡' }).click();
  await failed.getByText('没有打印失败的胸卡').waitFor({ timeout: 20_000 });
  await warning.waitFor({ state: 'detached' });
  const code2 = (await idbAll<{ name: string; badgeCode: string }>(desk, 'visits')).find((v) => v.name === '陈静怡')!.badgeCode;
  await expect.poll(() => findPdf(printer.spool, code2)).toBeTruthy();
  expect(execFileSync('pdftotext', [findPdf(printer.spool, code2)!, '-'], { encoding: 'utf8' })).toContain('陈静怡');
  expect(h.pageErrors).toEqual([]);
  await context.close();
});

it('R-P1–R-P3: pass issued against an employee signature and returned; Monday 09:00 opens Friday’s sheet, a mismatch is escalated, both sign, A4 print', async () => {
  // The simulated printer (PDF into the data folder): demo mode with nothing configured.
  // Mail is set up, but the relay is down until later in the test (R-P3: a mail failure never blocks the sheet).
  const smtpPort = await freePort();
  await h.server.services.handle('console', 'printing:updateSettings', {
    output: 'pdfOnly', ippUri: '', zplHost: '', zplPort: 9100, medium: 'ql62x100',
    smtpHost: '127.0.0.1', smtpPort, mailFrom: 'desk@idc.example', supervisorRecipients: ['duty@idc.example'],
  });
  const context = await h.newContext();
  await context.clock.install({ time: new Date('2026-11-20T08:00:00') }); // a Friday, before its own 09:00 check
  const page = await openConsole(() => h.open('console', { context }));
  await deskSignIn(page, { name: '周子航', phone: '13700137000', idNumber: '110105199003071239' });
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await deskSignIn(page, { name: '吴海燕', phone: '13600136000', idNumber: '310115198506122347' });
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await tab(page, /^访客证/);

  // Printer settings: discovery answers with CUPS queues or says why it cannot (nothing saved here).
  const settings = page.getByRole('region', { name: '胸卡打印机设置' });
  await settings.getByLabel('输出方式').selectOption({ label: 'IPP 打印机或 CUPS 队列' });
  await settings.getByRole('button', { name: '查找本机打印队列' }).click();
  await settings.getByText(/无法自动查找|还没有打印队列|localhost:631\/printers\//).first().waitFor();
  await screenshot(page, 'passes-printer-settings');
  await settings.getByLabel('输出方式').selectOption({ label: '模拟打印机（只生成 PDF 文件，演示用）' });

  await page.getByLabel('证号（可输入多个，如 1-5 或 7, 9）').fill('1-3');
  await page.getByRole('button', { name: '添加访客证' }).click();
  await page.getByText('已添加 3 张').waitFor();
  await page.getByTestId('pass-summary').filter({ hasText: '在库 3' }).waitFor();

  // R-P1: no pass without an employee's signature or card.
  const onSite = page.getByRole('table', { name: '在场访客' });
  await onSite.getByRole('button', { name: '为 周子航 发放访客证' }).click();
  const dialog = page.getByRole('dialog', { name: '发放访客证：周子航' });
  await dialog.getByRole('button', { name: '确认发放并补打胸卡' }).click();
  await dialog.getByText('请填写领用员工的姓名').waitFor();
  await dialog.getByText('请员工签名，或刷/输入员工卡号').waitFor();
  await dialog.getByLabel('领用员工姓名').fill('王建国');
  await sign(page, '员工签名');
  await screenshot(page, 'passes-issue-dialog');
  await dialog.getByRole('button', { name: '确认发放并补打胸卡' }).click();
  await onSite.getByRole('row', { name: /周子航.*0001 · 王建国/ }).waitFor();

  await onSite.getByRole('button', { name: '为 吴海燕 发放访客证' }).click();
  const dialog2 = page.getByRole('dialog', { name: '发放访客证：吴海燕' });
  await dialog2.getByLabel('领用员工姓名').fill('刘洋');
  await dialog2.getByLabel('员工卡号（刷卡或输入）').fill('E20417');
  await dialog2.getByRole('button', { name: '确认发放并补打胸卡' }).click();
  await onSite.getByRole('row', { name: /吴海燕.*0002 · 刘洋/ }).waitFor();
  await onSite.getByRole('button', { name: '收回 周子航 的访客证 0001' }).click();
  await page.getByTestId('pass-summary').filter({ hasText: '在库 1 · 已发放 1 · 已归还待核对 1' }).waitFor();
  await screenshot(page, 'passes-tab');

  const issues = await idbAll<{ passNumber: string; employeeName: string; signature: string | null; employeeCard: string | null; returnedAt: string | null }>(page, 'passIssues');
  expect(issues.find((i) => i.passNumber === '0001')).toMatchObject({ employeeName: '王建国', employeeCard: null });
  expect(issues.find((i) => i.passNumber === '0001')?.signature).toMatch(/^data:image\/png;base64,/);
  expect(issues.find((i) => i.passNumber === '0001')?.returnedAt).not.toBeNull();
  expect(issues.find((i) => i.passNumber === '0002')).toMatchObject({ employeeCard: 'E20417', returnedAt: null });
  const audit = await idbAll<AuditRow>(page, 'audit');
  expect(audit.filter((a) => a.action.startsWith('pass.')).map((a) => a.action)).toEqual(expect.arrayContaining(['pass.add', 'pass.issue', 'pass.return']));

  // The reissued badge carries the pass number (ux.md B4).
  const code = (await idbAll<{ name: string; badgeCode: string }>(page, 'visits')).find((v) => v.name === '周子航')!.badgeCode;
  const badgePdf = join(h.dataDir, 'badges', `badge-${code}.pdf`);
  await expect.poll(() => existsSync(badgePdf), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => execFileSync('pdftotext', [badgePdf, '-'], { encoding: 'utf8' }), { timeout: 10_000 }).toContain('0001');
  pdfToPng(badgePdf, 'passes-badge-with-pass');

  // Monday 09:00: Friday's sheet opens by itself and an overdue alert stands until it is signed.
  await context.clock.setSystemTime(new Date('2026-11-23T08:59:50'));
  await context.clock.runFor(40_000);
  await page.getByRole('heading', { name: /机房访客证交接表/ }).waitFor();
  const sheet = page.getByRole('region', { name: /机房访客证交接表/ });
  await sheet.getByText('2026-11-20', { exact: true }).waitFor();
  const alerts = page.getByRole('complementary', { name: /^提醒/ });
  await alerts.getByText('2026-11-20 的访客证交接表尚未与机房保安核对签字').waitFor();
  expect(await sheet.textContent()).toMatch(/发放证号（2 张）0001, 0002.*已归还（1 张）0001.*仍未归还（1 张）0002/);

  await sheet.getByLabel('机房值班记录的证号').fill('0001');
  await sheet.getByRole('button', { name: '核对' }).click();
  await sheet.getByText('核对不符，已立即上报主管。').waitFor();
  await sheet.getByText('前台已发放、机房未登记：0002').waitFor();
  // Escalated at once, before anyone signs (R-P3).
  await alerts.getByText(/交接表核对不符：2026-11-20；前台已发放、机房未登记：0002/).waitFor();
  await sheet.getByRole('button', { name: '双方签字确认' }).click();
  await sheet.getByText('核对不符时必须填写差异说明').waitFor();
  await sheet.getByLabel('差异说明（必填）').fill('0002 由刘洋领用后直接带访客离开，未经机房登记，已电话核实。');
  await sheet.getByLabel('值班保安').fill('赵保安');
  await sign(page, '前台签名');
  await sign(page, '保安签名');
  await screenshot(page, 'passes-handover-form');
  await sheet.getByRole('button', { name: '双方签字确认' }).click();
  await sheet.getByText(/已签字：临-20261120-/).waitFor();
  // The escalation mail: the relay is down, so the failure is shown with its retry time; the sheet is already kept.
  await sheet.getByRole('alert').filter({ hasText: /报告邮件未能发出：无法连接邮件服务器。将于 \d\d:\d\d 自动重发，交接表已保存。.*ECONNREFUSED/ }).waitFor();
  await screenshot(page, 'passes-handover-mail-failed');
  // "Send again now" while the relay is still down: a second failed attempt, audited like the first.
  await sheet.getByRole('button', { name: '立即重发' }).click();
  await expect.poll(async () => (await idbAll<AuditRow>(page, 'audit')).filter((a) => a.action === 'pass.escalateMail').length).toBe(2);
  const relay = await startRelay(smtpPort);
  try {
    // The relay is back: the console's background retry sends it once the back-off (60 s after two failures) has passed.
    await context.clock.runFor(95_000);
    await sheet.getByText(/报告邮件已发送至 duty@idc\.example/).waitFor();
    await screenshot(page, 'passes-handover-mail-sent');
    expect(relay.mails).toHaveLength(1);
    expect(relay.mails[0]?.to).toEqual(['duty@idc.example']);
    const mailText = relay.mails[0]?.raw ?? '';
    // nodemailer writes Chinese text as quoted-printable (or base64 when denser).
    const rawBody = mailText.split(/\r?\n\r?\n/).slice(1).join('\n\n');
    const body = /Content-Transfer-Encoding: base64/i.test(mailText)
      ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8')
      : Buffer.from(rawBody.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, x: string) => String.fromCharCode(parseInt(x, 16))), 'latin1').toString('utf8');
    expect(body).toContain('2026-11-20 机房访客证交接核对不符');
    expect(body).toContain('总台已发放、机房无记录：0002');
    expect(body).toContain('情况说明：0002 由刘洋领用后直接带访客离开');
    expect(body).toContain('机房值班 赵保安');
    const mailAudit = (await idbAll<AuditRow>(page, 'audit')).filter((a) => a.action === 'pass.escalateMail');
    expect(mailAudit.map((a) => a.detail.split(' ')[0]).sort()).toEqual(['failed', 'failed', 'sent']);
  } finally {
    await relay.close();
  }
  // Signed: the overdue alert leaves the open list (it stays in the handled list below it).
  await alerts.getByRole('list', { name: OPEN_ALERTS }).getByText('2026-11-20 的访客证交接表尚未与机房保安核对签字').waitFor({ state: 'detached' });

  const [kept] = await idbAll<{ number: string; mismatch: boolean; guardName: string; finalNumber: string | null }>(page, 'handoverSheets');
  // finalNumber: provisional until the hub numbers the sheet (another feature), so not asserted here.
  expect(kept).toMatchObject({ mismatch: true, guardName: '赵保安' });
  const alertRows = await idbAll<{ kind: string; ackAt: string | null }>(page, 'alerts');
  expect(alertRows.filter((a) => a.kind === 'passMismatch' && !a.ackAt)).toHaveLength(1);
  expect(alertRows.filter((a) => a.kind === 'passCheckOverdue').map((a) => a.ackAt !== null)).toEqual([true]);

  // A4: the sheet alone, as printed.
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'passes-handover-print.png'), fullPage: true });
  const a4 = join(SCREENSHOT_DIR, 'passes-handover-a4.pdf');
  await page.pdf({ path: a4, format: 'A4' });
  pdfToPng(a4, 'passes-handover-a4');
  expect(execFileSync('pdfinfo', [a4], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
  expect(execFileSync('pdftotext', [a4, '-'], { encoding: 'utf8' })).toContain('赵保安');
  await page.emulateMedia({ media: 'screen' });
  expect(h.pageErrors).toEqual([]);
  await context.close();
});
