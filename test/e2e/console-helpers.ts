/**
 * Helpers for the console e2e tests: everything is found by role and
 * accessible name, as the operator (or a screen reader) would find it.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export async function openConsole(open: () => Promise<Page>, operator = '李娜'): Promise<Page> {
  const page = await open();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByLabel('当班').fill(operator);
  return page;
}

/** Every row of one IndexedDB store, read straight from the browser's database. */
export async function idbAll<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const req = indexedDB.open('frontdesk');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(name, 'readonly');
          const all = tx.objectStore(name).getAll();
          all.onsuccess = () => {
            resolve(all.result as T[]);
            req.result.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
    store,
  );
}

export interface AuditRow {
  action: string;
  actor: string;
  detail: string;
  entityId: string;
}

export function tab(page: Page, name: RegExp): Promise<void> {
  return page.getByRole('navigation', { name: '功能' }).getByRole('button', { name }).click();
}

interface SignInInput {
  name: string;
  phone: string;
  idNumber: string;
  host?: string;
  category?: string;
}

/** Fills the desk sign-in dialog (opened with F2) and submits it. */
export async function deskSignIn(page: Page, v: SignInInput): Promise<void> {
  await page.keyboard.press('F2');
  const d = page.getByRole('dialog', { name: '前台登记来访' });
  await d.getByLabel('姓名').fill(v.name);
  await d.getByLabel('手机号码').fill(v.phone);
  await d.getByLabel('单位').fill('华信科技');
  await d.getByLabel('来访类别').selectOption({ label: v.category ?? '商务洽谈' });
  await d.getByLabel('被访人', { exact: true }).fill(v.host ?? 'zs');
  await d.getByLabel('被访人', { exact: true }).press('Enter');
  await d.getByLabel('证件号码').fill(v.idNumber);
  await d.getByLabel('访客已同意登记证件信息').check();
  await d.getByRole('button', { name: '登记并通知被访人' }).click();
}

export function expectNoPageErrors(errors: string[]): void {
  expect(errors).toEqual([]);
}

/** A datetime-local value for a day offset from today at a given hour. */
export function localInput(dayOffset: number, hour: number): string {
  const d = new Date();
  d.setDate(d.getDate() + dayOffset);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(hour)}:00`;
}
