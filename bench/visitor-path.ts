/**
 * Benchmarks of the visitor path (issue: kiosk sign-in to the console board),
 * in Debian's Chromium against browser mode with 100,000 visits and 5,000
 * staff in IndexedDB:
 *   - console register search: keystroke → updated results (median, p95),
 *     against a baseline scan without the terms index;
 *   - kiosk host search: keystroke → updated results, against the same scan
 *     over staff done with IndexedDB instead of the in-memory directory;
 *   - kiosk cold load to interactive (median, p95), against the minimal
 *     cards face loaded the same way;
 *   - kiosk initial JavaScript, gzip, against its 300 KB budget.
 * Targets: search ≤ 50 ms median, kiosk interactive ≤ 1 s, JS ≤ 300 KB gzip.
 * Run with `npm run bench` (it builds first).
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startWebServer } from '../electron/web';
import { median, percentile, report } from './lib';

const VISITS = Number(process.env.BENCH_VISITS ?? 100_000);
const STAFF = Number(process.env.BENCH_STAFF ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const server = await startWebServer({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'fd-bench-')), rendererDir: resolve('dist/renderer'), version: 'bench' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

async function interactiveMs(page: Page, role: string): Promise<number> {
  await page.goto(`${server.url}/?role=${role}`);
  await page.waitForFunction(() => performance.getEntriesByName('frontdesk:interactive').length > 0);
  return page.evaluate(() => performance.getEntriesByName('frontdesk:interactive')[0]!.startTime);
}

async function seed(context: BrowserContext): Promise<void> {
  const bundle = await build({ entryPoints: ['bench/seed-in-page.ts'], bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'error' });
  const page = await context.newPage();
  await interactiveMs(page, 'console');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const seeded = await page.evaluate(([v, s]) => window.benchSeed(v!, s!), [VISITS, STAFF]);
  report('seed', { visits: seeded.visits, staff: seeded.staff, seconds: seeded.ms / 1000 });
  await page.close();
}

/** Times from an input event to the moment `settled` holds in the page, per query. */
async function keystrokeToResults(page: Page, input: string, queries: string[], settled: (q: string) => string): Promise<number[]> {
  const times: number[] = [];
  for (const q of queries) {
    await page.fill(input, '');
    await page.waitForTimeout(30);
    const ms = await page.evaluate(
      async ([sel, query, check]) => {
        const el = document.querySelector<HTMLInputElement>(sel!)!;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const done = new Function('q', `return (${check})(q)`) as (q: string) => boolean;
        const t0 = performance.now();
        setter.call(el, query);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        while (!done(query!)) await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - t0;
      },
      [input, q, settled(q)],
    );
    times.push(ms);
  }
  return times;
}

const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1920, height: 1080 } });
await seed(context);

// Kiosk initial JavaScript: every script the kiosk loads before it is interactive.
{
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
  });
  await interactiveMs(page, 'kiosk');
  const bytes = [...scripts].map((p) => gzipSync(readFileSync(join('dist/renderer', p))).length).reduce((a, b) => a + b, 0);
  report('kiosk initial JS', { files: scripts.size, gzip_kb: bytes / 1024, budget_kb: 300 }, { name: 'budget', value: 300, ours: bytes / 1024 });
  await page.close();
}

// Cold load to interactive: a new page each run (warm disk cache, as a kiosk restarting its window).
{
  const kiosk: number[] = [];
  const cards: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [role, out] of [['kiosk', kiosk], ['cards', cards]] as const) {
      const page = await context.newPage();
      out.push(await interactiveMs(page, role));
      await page.close();
    }
  }
  report('kiosk cold load to interactive ms', { median: median(kiosk), p95: percentile(kiosk, 95), target: 1000 }, { name: 'cards_face', value: median(cards), ours: median(kiosk) });
}

// In-page query cost with and without the terms index (the floor under the UI figures).
{
  const page = await context.newPage();
  await interactiveMs(page, 'console');
  const bundle = await build({ entryPoints: ['bench/seed-in-page.ts'], bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'error' });
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const queries = ['王', '李小', '张三', '星河', '8000', '陈', '刘', '黄'];
  const naive: number[] = [];
  const indexed: number[] = [];
  for (const q of queries) {
    naive.push((await page.evaluate((x) => window.benchNaiveSearch(x), q)).ms);
    indexed.push((await page.evaluate((x) => window.benchIndexedSearch(x), q)).ms);
  }
  report('register query ms (IndexedDB only)', { median: median(indexed), p95: percentile(indexed, 95) }, { name: 'full_scan', value: median(naive), ours: median(indexed) });
  await page.close();
}

/** A check, run in the page, that results are shown and every visible row contains the query. */
const allRowsContain = (rowsSelector: string) => (): string =>
  `(q) => { const rows = [...document.querySelectorAll(${JSON.stringify(rowsSelector)})]; return rows.length > 0 && rows.every((r) => r.textContent.includes(q)); }`;

// Console register search over 100,000 visits: keystroke → updated results.
{
  const page = await context.newPage();
  await interactiveMs(page, 'console');
  await page.keyboard.press('Alt+3');
  const box = page.getByRole('searchbox', { name: '搜索登记簿' });
  await box.waitFor();
  const id = await box.evaluate((el) => (el.id ||= 'bench-register-search'));
  const queries = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '星河', '顺达快递', '徐', '孙', '胡', '朱'];
  const ui = await keystrokeToResults(page, `#${id}`, queries, allRowsContain('table tbody tr'));
  const scan: number[] = [];
  const bundle = await build({ entryPoints: ['bench/seed-in-page.ts'], bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'error' });
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  for (const q of queries) scan.push((await page.evaluate((x) => window.benchNaiveSearch(x), q)).ms);
  report('console register search keystroke→results ms', { visits: VISITS, median: median(ui), p95: percentile(ui, 95), target_median: 50 }, { name: 'full_scan_query', value: median(scan), ours: median(ui) });
  await page.close();
}

// Kiosk host search over 5,000 staff: keystroke → updated results.
{
  const page = await context.newPage();
  await interactiveMs(page, 'kiosk');
  await page.getByRole('button', { name: '没有预约，登记来访' }).click();
  await page.getByLabel('手机号码').fill('13800138000');
  await page.getByRole('button', { name: '继续', exact: true }).click();
  await page.getByLabel('姓名').fill('李小龙');
  await page.getByRole('button', { name: '继续', exact: true }).click();
  await page.getByRole('button', { name: '继续', exact: true }).click();
  await page.getByLabel('商务洽谈').check();
  await page.getByRole('button', { name: '继续', exact: true }).click();
  const box = page.getByLabel('被访人姓名或拼音首字母');
  await box.waitFor();
  const id = await box.evaluate((el) => (el.id ||= 'bench-host-search'));
  const queries = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
  const ui = await keystrokeToResults(page, `#${id}`, queries, allRowsContain('ul[aria-label="搜索结果"] li'));
  const viaIdb = await page.evaluate(async (qs) => {
    const times: number[] = [];
    for (const q of qs) {
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        const open = indexedDB.open('frontdesk');
        open.onsuccess = () => {
          const req = open.result.transaction('staff').objectStore('staff').getAll();
          req.onsuccess = () => {
            (req.result as { name: string }[]).filter((s) => s.name.includes(q)).slice(0, 5);
            open.result.close();
            resolve();
          };
        };
      });
      times.push(performance.now() - t0);
    }
    return times;
  }, queries);
  report('kiosk host search keystroke→results ms', { staff: STAFF, median: median(ui), p95: percentile(ui, 95), target_median: 50 }, { name: 'indexeddb_scan_per_keystroke', value: median(viaIdb), ours: median(ui) });
  await page.close();
}
await browser.close();
await server.close();
