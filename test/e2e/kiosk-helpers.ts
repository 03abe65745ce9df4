/** Shared steps of the kiosk e2e tests: by role and accessible name only. */
import type { Locator, Page } from 'playwright-core';

export type Row = Record<string, unknown>;

/** All rows of a table of the app's IndexedDB (Dexie database `frontdesk`), read with the raw API. */
export function idbAll(page: Page, table: string): Promise<Row[]> {
  return page.evaluate(
    (t) =>
      new Promise<Row[]>((resolve, reject) => {
        const open = indexedDB.open('frontdesk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction(t, 'readonly').objectStore(t).getAll();
          req.onsuccess = () => {
            resolve(req.result as Row[]);
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    table,
  );
}

export function continueButton(page: Page): Locator {
  return page.getByRole('button', { name: '继续', exact: true });
}

export async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
}

export async function waitHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
}

export interface WalkIn {
  phone: string;
  name: string;
  company: string;
  category: string;
  hostQuery: string;
  host: RegExp;
  idNumber: string;
}

export const GOOD: WalkIn = {
  phone: '13800138000',
  name: '李小龙',
  company: '星河科技',
  category: '商务洽谈',
  hostQuery: 'zs',
  host: /张三 · 研发部/,
  idNumber: '440524188001010014',
};

/** Welcome → phone → name → company → category → host, stopping on the identity screen. */
export async function walkInToId(page: Page, v: WalkIn, shot?: (name: string) => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: '没有预约，登记来访' }).click();
  await waitHeading(page, '请输入您的手机号码');
  await page.getByLabel('手机号码').fill(v.phone);
  await shot?.('kiosk-walkin-1-phone');
  await continueButton(page).click();
  await waitHeading(page, '请问您的姓名？');
  await page.getByLabel('姓名').fill(v.name);
  await shot?.('kiosk-walkin-2-name');
  await continueButton(page).click();
  await waitHeading(page, '请问您来自哪个单位？');
  await page.getByLabel('单位名称（选填）').fill(v.company);
  await shot?.('kiosk-walkin-3-company');
  await continueButton(page).click();
  await waitHeading(page, '请问您来访的事由是？');
  await page.getByLabel(v.category).check();
  await shot?.('kiosk-walkin-4-category');
  await continueButton(page).click();
  await waitHeading(page, '请问您要拜访哪一位？');
  await page.getByLabel('被访人姓名或拼音首字母').fill(v.hostQuery);
  await page.getByRole('button', { name: v.host }).click();
  await shot?.('kiosk-walkin-5-host');
  await continueButton(page).click();
  await waitHeading(page, '请登记您的证件');
}

/** On the identity screen: number, the separate consent tick, Continue. */
export async function fillId(page: Page, idNumber: string, shot?: (name: string) => Promise<void>): Promise<void> {
  await page.getByLabel('身份证号码（18 位）').fill(idNumber);
  await page.getByLabel(/我同意贵司/).check();
  await shot?.('kiosk-walkin-6-id');
  await continueButton(page).click();
}

/** The badge code shown on the done screen's badge preview. */
export async function badgeCodeOnScreen(page: Page): Promise<string> {
  const text = (await page.getByRole('region', { name: '访客胸卡预览' }).textContent()) ?? '';
  const m = /胸卡编号\s*([2-9A-HJ-NP-Z]{8})/.exec(text);
  if (!m) throw new Error(`no badge code in: ${text}`);
  return m[1]!;
}
