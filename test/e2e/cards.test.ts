/**
 * The cards face end to end (issue 6; R-K2–R-K5, R-S1): application with the
 * letter of introduction → encode on the emulated MSR605X → read back and
 * verify → upload (a refusal stays queued, the retry goes through) →
 * cancellation asked, mailed to the systems department, confirmed → the
 * audit chain verifies. Plus: an encoder fault leaves nothing made, and a
 * kiosk cannot call card methods.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConsole, idbAll } from './console-helpers';
import { screenshot, startHarness, type Harness } from './harness';
import { readdirSync } from 'node:fs';
import { TestPrinter } from '../unit/printer/ippeveprinter';
import { cardSettingsSchema } from '../../shared/api/cards';

let h: Harness;
let http: Server;
let smtp: SMTPServer;
const mails: { to: string[]; raw: string }[] = [];
const uploads: unknown[] = [];
let refuseNext = 1;

// A 1×1 PNG: the scanned letter of introduction.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  h = await startHarness();
  http = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      uploads.push(JSON.parse(body));
      if (refuseNext > 0) {
        refuseNext -= 1;
        res.writeHead(503).end('门禁系统忙 busy');
      } else res.writeHead(200).end('{"accepted":1}');
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const set = await h.server.services.handle('cards', 'cards:updateSettings', {
    encoder: 'emulator',
    emulatedMedium: 'msr605x',
    presentSeconds: 5,
    webhookUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/holders`,
    smtpHost: '127.0.0.1',
    smtpPort: (smtp.server.address() as AddressInfo).port,
    mailFrom: 'desk@idc.example',
    revokeRecipients: ['sys@idc.example'],
  });
  expect(set.ok).toBe(true);
});

afterAll(async () => {
  await h?.close();
  await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
});

async function apply(page: Page, holder: string): Promise<void> {
  await page.keyboard.press('Alt+1');
  await page.getByLabel('客户单位').fill('华数云科技有限公司');
  await page.getByLabel('持卡人姓名').fill(holder);
  await page.getByLabel('证件号码').fill('11010519491231002X');
  await page.getByLabel('联系电话').fill('13800138000');
  await page.getByLabel('机柜/区域').fill('A 区 01–04 机柜');
  await page.getByLabel('销售业务员').fill('刘洋');
  await page
    .getByLabel('单位介绍信', { exact: true })
    .setInputFiles({ name: '介绍信.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('img', { name: '介绍信预览' }).waitFor();
  await page.getByRole('button', { name: '提交申请' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `${holder} 的申请已提交` })
    .waitFor();
}

it('R-K2–R-K5: application → encode → verify → upload (retry) → revoke by mail → confirmed, every step in a verified chain', async () => {
  const page = await openConsole(() => h.open('cards'), '王芳');

  // R-K2: the application with the letter of introduction; a wrong ID number is caught first.
  await page.keyboard.press('Alt+1');
  await page.getByLabel('证件号码').fill('110105194912310021');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: '身份证号码不正确' }).first().isVisible(),
  ).resolves.toBe(true);
  await apply(page, '张伟');
  await screenshot(page, 'cards-01-application');

  // R-K3 制卡: the desk's queue, encode on the emulated MSR605X, read back, compare.
  await page.keyboard.press('Alt+2');
  await page
    .getByRole('table', { name: '待制卡' })
    .getByRole('cell', { name: '张伟', exact: true })
    .waitFor();
  await screenshot(page, 'cards-02-queue');
  await page.getByRole('button', { name: '为 张伟 制卡' }).click();
  const dialog = page.getByRole('dialog', { name: '制卡：写卡并校验' });
  await dialog.getByRole('button', { name: '写卡并校验' }).click();
  const made = dialog
    .getByRole('status')
    .filter({ hasText: /卡 P-\d{8} 已制成：读回内容与写入一致/ });
  await made.waitFor();
  const provisional = /P-\d{8}/.exec((await made.textContent()) ?? '')?.[0] ?? '';
  expect(provisional).toMatch(/^P-\d{8}$/);
  // R-K3: no card printer in the settings — the print step says so and where to set one.
  await dialog.getByRole('note').filter({ hasText: '未设置制卡打印机' }).waitFor();
  await screenshot(page, 'cards-03-made');
  await dialog.getByRole('button', { name: '去上传' }).click();

  // Issue 3: the hub numbers the card when it syncs; its sequential number replaces the provisional one on screen.
  const cards = page.getByRole('table', { name: '已制卡片' });
  const finalCell = cards.getByRole('cell', { name: /^KA-\d{4}-\d{5}$/ });
  await finalCell.waitFor();
  const number = ((await finalCell.textContent()) ?? '').trim();
  await expect(cards.getByText(provisional).count()).resolves.toBe(0);
  await screenshot(page, 'cards-03b-final-number');
  await page.getByRole('button', { name: '上传门禁' }).click();
  await page.getByRole('alert').filter({ hasText: '上传失败（503）' }).waitFor();
  const retry = page.getByRole('table', { name: '上传重试队列' });
  await retry.getByRole('cell', { name: /门禁系统忙/ }).waitFor();
  await screenshot(page, 'cards-04-upload-queued');
  await retry.getByRole('button', { name: '重试上传' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `卡 ${number} 已上传` })
    .waitFor();
  await expect(retry.isVisible()).resolves.toBe(false);
  await cards.getByText('已上传门禁').waitFor();
  expect(uploads).toHaveLength(2);
  // The stripe holds the provisional digits (the credential id, 卡内号); the access system gets it beside the hub's number.
  const credential = `62${provisional.slice(2)}=`;
  expect(uploads[1]).toMatchObject({
    holders: [{ cardNumber: number, holderName: '张伟', action: 'add' }],
  });
  const sent = (uploads[1] as { holders: { credentialId: string }[] }).holders[0]?.credentialId ?? '';
  expect(sent.startsWith(credential)).toBe(true);
  await cards.getByRole('cell', { name: sent, exact: true }).waitFor();
  // A keyboard-wedge reader at the desk types the stripe (with sentinels) and Enter: the card is found by it.
  await page.getByLabel('验卡（刷卡或输入卡内号）').fill(`;${sent}?`);
  await page.getByLabel('验卡（刷卡或输入卡内号）').press('Enter');
  await page
    .getByRole('status')
    .filter({ hasText: `卡 ${number}，持卡人 张伟` })
    .waitFor();
  await screenshot(page, 'cards-04b-verified-by-credential');

  // R-K4 注销: sales reports the card lost; the desk mails the systems department; systems confirms.
  await page.getByRole('button', { name: '申请注销' }).click();
  const revoke = page.getByRole('dialog', { name: `注销卡 ${number}` });
  await revoke.getByLabel('原因').selectOption('lost');
  await expect(revoke.getByLabel('申请人（销售）').inputValue()).resolves.toBe('刘洋');
  await revoke.getByRole('button', { name: '申请注销' }).click();
  await page.getByRole('button', { name: '发送注销邮件' }).click();
  await page.getByRole('status').filter({ hasText: '注销邮件已发送至 sys@idc.example' }).waitFor();
  expect(mails).toHaveLength(1);
  expect(mails[0]?.to).toEqual(['sys@idc.example']);
  await page.getByRole('button', { name: '系统部已确认' }).click();
  const confirm = page.getByRole('dialog', { name: `确认卡 ${number} 已注销` });
  await confirm.getByLabel('系统部确认人').fill('系统部 陈工');
  await confirm.getByRole('button', { name: '系统部已确认' }).click();
  await cards.getByText('已注销', { exact: true }).waitFor();
  const row = cards.getByRole('row').filter({ hasText: number });
  await expect(row.textContent()).resolves.toMatch(
    /刘洋 申请挂失注销[\s\S]*邮件已发[\s\S]*系统部 陈工 确认注销/,
  );
  await screenshot(page, 'cards-05-revoked');

  // R-K5: every step is in the chain, and the chain verifies.
  await page.keyboard.press('Alt+6');
  await page.getByRole('button', { name: '校验审计链' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /审计链完整：\d+ 条记录/ })
    .waitFor();
  const actions = (await idbAll<{ action: string }>(page, 'cardAudit')).map((e) => e.action);
  expect(actions).toEqual(
    expect.arrayContaining([
      'application.submitted',
      'card.made',
      'card.uploadFailed',
      'card.uploaded',
      'card.verified',
      'card.revokeRequested',
      'card.revokeMailed',
      'card.revoked',
    ]),
  );
  await screenshot(page, 'cards-06-audit');

  // English face (C-rules: language toggle as in the console).
  await page.getByRole('button', { name: /English/ }).click();
  await page.keyboard.press('Alt+3');
  await page.getByRole('table', { name: 'Cards made' }).waitFor();
  await screenshot(page, 'cards-07-english');
  expect(h.pageErrors).toEqual([]);
}, 90_000);

it('issue 6: an encoder fault (read-back mismatch) shows its message and the card is not made', async () => {
  const page = await openConsole(() => h.open('cards'), '王芳');
  await apply(page, '李雷');
  const fault = await h.server.services.handle('cards', 'cards:simulateFault', {
    fault: 'mismatch',
  });
  expect(fault.ok).toBe(true);
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: '为 李雷 制卡' }).click();
  const dialog = page.getByRole('dialog', { name: '制卡：写卡并校验' });
  await dialog.getByRole('button', { name: '写卡并校验' }).click();
  await dialog
    .getByRole('alert')
    .filter({ hasText: /卡未制成。\s*读回内容与写入不一致，此卡无效/ })
    .waitFor();
  await screenshot(page, 'cards-08-fault');
  await h.server.services.handle('cards', 'cards:simulateFault', { fault: 'none' });
  await dialog.getByRole('button', { name: '关闭' }).click();
  await page
    .getByRole('table', { name: '待制卡' })
    .getByRole('cell', { name: '李雷', exact: true })
    .waitFor();
  const made = await idbAll<{ holderName: string }>(page, 'cards');
  expect(made.filter((c) => c.holderName === '李雷')).toEqual([]);
  const audit = await idbAll<{ action: string; detail: string }>(page, 'cardAudit');
  expect(
    audit.some((e) => e.action === 'card.encodeFailed' && e.detail.startsWith('verifyMismatch')),
  ).toBe(true);
  // The demo fault switch lives in Settings, shown only for the emulated encoder.
  await page.keyboard.press('Alt+7');
  await page.getByRole('heading', { name: '模拟写卡器（演示）' }).waitFor();
  await screenshot(page, 'cards-11-settings');
  expect(h.pageErrors).toEqual([]);
}, 60_000);

it('R-P4/R-P5: a work visit cannot complete with equipment unaccounted for; the evidence export lists it with approver and escort', async () => {
  const page = await openConsole(() => h.open('cards'), '王芳');
  await page.keyboard.press('Alt+4');
  const form = page.getByRole('form', { name: '登记经审批的施工' });
  await form.getByLabel('施工人员').fill('赵六');
  await form.getByLabel('单位').fill('某系统集成公司');
  await form.getByLabel('工作内容').fill('更换 B-12 机柜硬盘');
  await form.getByLabel('机柜/区域').fill('B-12');
  await form.getByLabel('审批人').fill('王经理');
  await form.getByLabel('随工人员').fill('孙工');
  await form.getByLabel('访客证号').fill('0012');
  await form.getByLabel('携入设备/工具').fill('笔记本电脑\n硬盘 x2');
  await form.getByRole('button', { name: '登记' }).click();
  await page.getByRole('button', { name: '进入机房' }).click();
  // The tick is a record (Dexie, audited), so it shows once the write lands, not at the click.
  const laptop = page.getByLabel('笔记本电脑 已带出');
  await laptop.click();
  await expect.poll(() => laptop.isChecked()).toBe(true);
  await page.getByRole('button', { name: '随工 孙工 确认完工' }).click();
  await page.getByRole('alert').filter({ hasText: '不能完工：硬盘 x2 未带出' }).waitFor();
  await screenshot(page, 'cards-09-work-blocked');
  await page.getByLabel('硬盘 x2 未带出的说明').fill('已装入 B-12 机柜');
  await page.getByLabel('硬盘 x2 未带出的说明').press('Tab');
  await page.getByText('还有 1 件设备未带出也未说明').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: '随工 孙工 确认完工' }).click();
  await page.getByText('孙工 确认完工').waitFor();
  await page.keyboard.press('Alt+5');
  await page.getByRole('button', { name: '查看' }).click();
  const row = page
    .getByRole('table', { name: '机房进出记录（等保审计）' })
    .getByRole('row')
    .filter({ hasText: '赵六' });
  await expect(row.textContent()).resolves.toMatch(
    /施工赵六某系统集成公司B-12更换 B-12 机柜硬盘王经理孙工0012/,
  );
  await screenshot(page, 'cards-10-evidence');
  // R-P5: the access system's door log is imported; a row that cannot be read is listed by line and why.
  await page.getByLabel('导入门禁进出记录（CSV 或 XLSX）').setInputFiles({
    name: 'door.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('刷卡时间,卡号,读卡器,进出\n2026-11-20 09:00,6200000001=2711,机房A门,进\nbad,6200000001=2711,机房A门,出\n'),
  });
  await page.getByRole('status').filter({ hasText: '已导入 door.csv：1 条进出记录' }).waitFor();
  await page.getByRole('alert').filter({ hasText: '第 3 行：时间“bad”无法识别' }).waitFor();
  await screenshot(page, 'cards-10b-door-log-import');
  expect(h.pageErrors).toEqual([]);
}, 60_000);

it('R-K3: with a card printer set, the holder photo and name print on the card through the print queue to a real IPP printer, audited', async () => {
  const printer = await TestPrinter.start();
  try {
    const current = await h.server.services.handle('cards', 'cards:getSettings', {});
    if (!current.ok) throw new Error('settings');
    const set = await h.server.services.handle('cards', 'cards:updateSettings', {
      ...cardSettingsSchema.parse(current.value),
      cardPrinterUri: printer.uri,
    });
    expect(set.ok).toBe(true);
    const page = await openConsole(() => h.open('cards'), '王芳');
    await page.keyboard.press('Alt+1');
    // A photo over 1 MB is refused by name of the field, then a small one is taken.
    await page
      .getByLabel('持卡人照片（选填）')
      .setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(1_100_000) });
    await page.getByText('持卡人照片须为 PNG 或 JPEG 图片，且不超过 1 MB').first().waitFor();
    await page
      .getByLabel('持卡人照片（选填）')
      .setInputFiles({ name: 'face.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('img', { name: '持卡人照片' }).waitFor();
    await apply(page, '韩梅梅');
    await page.keyboard.press('Alt+2');
    await page.getByRole('button', { name: '为 韩梅梅 制卡' }).click();
    const dialog = page.getByRole('dialog', { name: '制卡：写卡并校验' });
    await dialog.getByRole('button', { name: '写卡并校验' }).click();
    await dialog.getByRole('button', { name: /打印卡面/ }).click();
    await dialog.getByRole('status').filter({ hasText: /的卡面已打印/ }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'cards-12-card-printed');
    const pdfs = readdirSync(printer.spool, { recursive: true }).map(String).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.some((f) => /card-(p|ka)-/.test(f))).toBe(true);
    const audit = await idbAll<{ action: string; detail: string }>(page, 'cardAudit');
    expect(audit.some((e) => e.action === 'card.printQueued' && e.detail.includes('with photo'))).toBe(true);
    expect(audit.some((e) => e.action === 'card.printed')).toBe(true);
    expect(h.pageErrors).toEqual([]);
  } finally {
    await printer.stop();
  }
}, 90_000);

it('R-S1: a kiosk calling cards:encode over its WebSocket is refused with a clear error', async () => {
  const page = await h.open('kiosk');
  await page.waitForLoadState('domcontentloaded');
  const answer = await page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/api?role=kiosk`);
        ws.onerror = () => reject(new Error('ws failed'));
        ws.onopen = () =>
          ws.send(
            JSON.stringify({
              id: 1,
              channel: 'cards:encode',
              payload: { medium: 'msr605x', track1: 'X', track2: '1', track3: '' },
            }),
          );
        ws.onmessage = (m: MessageEvent<string>) => {
          const frame = JSON.parse(m.data) as { id?: number; result?: unknown };
          if (frame.id === 1) {
            ws.close();
            resolve(frame.result);
          }
        };
      }),
  );
  expect(answer).toEqual({
    ok: false,
    error: { code: 'forbidden', message: 'the kiosk window may not call cards:encode' },
  });
});
