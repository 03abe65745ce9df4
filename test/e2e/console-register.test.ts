import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';
import { openConsole } from './console-helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

it('R-V9: the register stays fast over 100,000 visits and shows one page, not all rows', async () => {
  const page = await openConsole(() => h.open('console'));
  await page.getByRole('table', { name: /预计今日到访/ }).waitFor();
  // 100,000 visits written straight into IndexedDB (as a year of sync would leave them), in one transaction.
  const inserted = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('frontdesk');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const idb = req.result;
          const tx = idb.transaction('visits', 'readwrite');
          const store = tx.objectStore('visits');
          const first = store.openCursor();
          first.onsuccess = () => {
            const template = first.result?.value as Record<string, unknown>;
            const family = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
            const given = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '霞', '平', '刚'];
            for (let i = 0; i < 100_000; i++) {
              const name = i === 77_777 ? '欧阳娜娜' : `${family[i % 20]}${given[Math.floor(i / 20) % 20]}${given[Math.floor(i / 400) % 20]}`;
              const d = new Date(Date.now() - (1 + (i % 365)) * 86_400_000);
              const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
              const badge = `B${String(i).padStart(7, '0')}`;
              const chars = [...name];
              store.put({
                ...template,
                id: `bulk-${i}`,
                name,
                badgeCode: badge,
                day,
                signedInAt: d.toISOString(),
                signedOutAt: d.toISOString(),
                terms: [...chars.map((_c, k) => chars.slice(k).join('')), badge.toLowerCase()],
              });
            }
          };
          tx.oncomplete = () => {
            idb.close();
            resolve(100_000);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  expect(inserted).toBe(100_000);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.keyboard.press('Alt+3');
  const table = page.getByRole('table', { name: '登记簿' });
  await expect.poll(() => table.locator('tbody tr').count()).toBe(50);

  await page.keyboard.press('Control+k');
  // One change event, as an IME commits a whole word at once.
  await page.keyboard.insertText('欧阳娜娜');
  await table.getByRole('row', { name: /欧阳娜娜/ }).waitFor();
  expect(await table.locator('tbody tr').count()).toBe(1);
  await screenshot(page, 'console-register-100k');
  // Speed is measured by bench/visitor-path.ts, not asserted here.

  await page.getByRole('searchbox', { name: '搜索登记簿' }).fill('');
  await page.getByRole('button', { name: '下一页' }).click();
  await page.getByText('第 2 页').waitFor();
  expect(await table.locator('tbody tr').count()).toBe(50);
  expect(h.pageErrors).toEqual([]);
});
