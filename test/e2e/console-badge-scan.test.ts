/** R-V8 at the desk: a badge scanner types the code plus Enter into the board's search box. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';
import { idbAll, openConsole } from './console-helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface VisitRow {
  name: string;
  state: string;
  badgeCode: string;
  signedOutBy: string | null;
  signOutReason: string | null;
}

it('R-V8: scanning a badge into the board search signs the visitor out after one confirmation', async () => {
  const page = await openConsole(() => h.open('console'));
  const expected = page.getByRole('table', { name: /预计今日到访/ });
  const row = expected.getByRole('row', { name: /100001/ });
  const name = ((await row.getByRole('cell').nth(1).textContent()) ?? '').trim();
  await row.getByRole('button', { name: `为 ${name} 签到` }).click();
  await expect.poll(async () => (await idbAll<VisitRow>(page, 'visits')).find((v) => v.name === name && v.state === 'onSite')).toBeTruthy();
  const visit = (await idbAll<VisitRow>(page, 'visits')).find((v) => v.name === name && v.state === 'onSite')!;

  const search = page.getByLabel('搜索', { exact: true });
  await search.focus();
  // As a wedge scanner does: fast keys, then Enter. Lower case must work too.
  await page.keyboard.type(visit.badgeCode.toLowerCase(), { delay: 5 });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `为 ${name} 签离` });
  await dialog.waitFor();
  await screenshot(page, 'console-badge-scan-signout');
  await dialog.getByRole('button', { name: '签离' }).click();
  await expect
    .poll(async () => (await idbAll<VisitRow>(page, 'visits')).find((v) => v.badgeCode === visit.badgeCode)?.state)
    .toBe('signedOut');
  const out = (await idbAll<VisitRow>(page, 'visits')).find((v) => v.badgeCode === visit.badgeCode)!;
  expect(out).toMatchObject({ signedOutBy: '李娜', signOutReason: 'desk' });
  expect(await search.inputValue()).toBe('');

  // An unknown code does nothing but filter: no dialog opens.
  await search.fill('ZZZZZZZZ');
  await page.keyboard.press('Enter');
  expect(await page.getByRole('dialog').count()).toBe(0);
  expect(h.pageErrors).toEqual([]);
});
