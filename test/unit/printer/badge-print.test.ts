import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeLayout } from '../../../hardware/printer/badge-html';
import { ChromiumBadgeRenderer } from '../../../hardware/printer/chromium-renderer';
import { IppBadgePrinter } from '../../../hardware/printer/ipp-printer';
import { MEDIA, MEDIUM_IDS, printableLeftDots } from '../../../hardware/printer/media';
import { TestPrinter } from './ippeveprinter';
import { CHINESE_NAME, LONG_LATIN_NAME, PHOTO, inkColumns, pageBitmap, pdfPageMm, run, spooledPdf, testBadge } from './fixtures';

// Real Chromium, real ippeveprinter, real poppler: the badge as the printer receives it.
const OUT = 'test-results/badges';

let printer: TestPrinter;
let renderer: ChromiumBadgeRenderer;
let ipp: IppBadgePrinter;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  printer = await TestPrinter.start();
  renderer = new ChromiumBadgeRenderer();
  ipp = new IppBadgePrinter({ uri: printer.uri, timeoutMs: 5_000 });
}, 30_000);

afterAll(async () => {
  await renderer?.close();
  await printer?.stop();
});

/** Word boxes from pdftotext -bbox: text and height in points. */
function words(file: string): { text: string; height: number }[] {
  const html = run('pdftotext', ['-bbox', file, '-']);
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5] ?? '',
    height: Number(m[4]) - Number(m[2]),
  }));
}

const CASES = [
  { tag: 'zh', name: CHINESE_NAME, photo: PHOTO, passNumber: '0042' },
  { tag: 'latin', name: LONG_LATIN_NAME, photo: null, passNumber: null },
] as const;

describe('badge over IPP to ippeveprinter', () => {
  for (const mediumId of MEDIUM_IDS) {
    for (const c of CASES) {
      it(`B1–B5, R-V6: ${mediumId} badge for ${c.tag} name prints at the medium's size with name, code, escort stripe and embedded Noto Sans SC`, async () => {
        const medium = MEDIA[mediumId];
        const badge = testBadge(c.name, { photo: c.photo, passNumber: c.passNumber });
        const pdf = await renderer.render(badge, mediumId);
        const receipt = await ipp.printPdf(pdf, `badge-${mediumId}-${c.tag}`);
        expect(receipt.jobId).toBeTypeOf('number');
        const file = await spooledPdf(printer.spool, receipt.jobId ?? -1);
        copyFileSync(file, `${OUT}/${mediumId}-${c.tag}.pdf`);

        // Page = the medium; Chromium rounds to whole device units (< 0.5 mm).
        const page = pdfPageMm(file);
        expect(page.pages).toBe(1);
        expect(Math.abs(page.width - medium.widthMm)).toBeLessThan(0.5);
        expect(Math.abs(page.height - medium.heightMm)).toBeLessThan(0.5);

        const text = run('pdftotext', [file, '-']);
        const flat = text.replace(/\s+/g, '');
        // A wrapped name may break after its hyphen, which pdftotext then drops.
        expect(flat.replace(/-/g, '')).toContain(c.name.replace(/[\s-]+/g, ''));
        expect(text).toContain(badge.badgeCode);
        // B4: meaning in words, not only colour.
        expect(flat).toContain('访客VISITOR');
        expect(flat).toContain('需陪同ESCORTREQUIRED');
        expect(flat).toContain('有效至');
        // B4: a date is always on the badge, even where the time-of-issue line had to go.
        expect(text).toMatch(/2026-03-05/);
        // B2: a name too long for the line breaks between words or at a printed hyphen, never silently mid-word.
        expect(text).not.toMatch(/[A-Za-z]\n[a-z]/);
        if (c.passNumber) expect(text).toContain(c.passNumber);

        // B6: the bundled face is embedded, no system font.
        const fonts = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
        expect(fonts.length).toBeGreaterThan(0);
        for (const line of fonts) expect(line).toMatch(/NotoSansSC.*\byes\s+yes\b/);

        // B2: the name is the largest text; Chinese names ≥ 40 pt on 62 mm stock.
        const boxes = words(file);
        const nameParts = c.name.split(/\s+/);
        // A part hyphenated to fit ("Montgome-" / "ry-Smithers") is matched without its printed hyphen.
        const isName = (w: { text: string }): boolean => nameParts.some((p) => p.includes(w.text.replace(/-$/, '')) || w.text.includes(p));
        const nameHeight = Math.min(...boxes.filter(isName).map((w) => w.height));
        const others = boxes.filter((w) => !isName(w));
        for (const w of others) expect(nameHeight, `name vs "${w.text}"`).toBeGreaterThan(w.height);
        // pdftotext boxes span ascent + descent: about 1.45 em for Noto Sans SC.
        if (c.tag === 'zh' && medium.widthMm === 62) expect(nameHeight / 1.45).toBeGreaterThanOrEqual(39.5);
        if (mediumId !== 'cr80') expect(nameHeight / 1.45).toBeGreaterThanOrEqual(23.5);

        // B1: the 300 dpi bitmap is the whole medium (62 mm = 732.3 dots; Chromium's page
        // rounding and pdftoppm's ceiling give 733–734 px) and all ink stays inside the
        // printable band, 696 dots on 62 mm stock, which is what the QL head prints.
        const bitmap = pageBitmap(file);
        expect(Math.abs(bitmap.width - (medium.widthMm / 25.4) * 300)).toBeLessThanOrEqual(2);
        const ink = inkColumns(bitmap);
        const band = printableLeftDots(medium);
        expect(ink.left).toBeGreaterThanOrEqual(band - 1);
        expect(ink.right).toBeLessThanOrEqual(band + medium.printableWidthDots + 1);

        // B5: the QR lands on whole dots: after the 4-module quiet zone the finder
        // pattern's top edge is a solid run of exactly 7 modules × whole dots.
        const layout = badgeLayout(medium, 21 + 8, c.photo !== null, badge.badgeCode);
        const m = medium.qrModuleDots;
        const y = layout.qrTop + 4 * m + Math.floor(m / 2);
        const row = bitmap.pixels.subarray(y * bitmap.width, (y + 1) * bitmap.width);
        const x0 = layout.qrLeft + 4 * m;
        for (let x = layout.qrLeft; x < x0 - 1; x++) expect(row[x], `quiet zone at x=${x}`).toBeGreaterThan(200);
        let finder = 0;
        while ((row[x0 + finder] ?? 255) < 128) finder++;
        expect(Math.abs(finder - 7 * m)).toBeLessThanOrEqual(1);
        run('pdftoppm', ['-r', '300', '-png', '-singlefile', file, `${OUT}/${mediumId}-${c.tag}`]);
      }, 30_000);
    }
  }

  for (const name of ['张三', '王小明', '欧阳小明', '阿卜杜热合曼·买买提']) {
    it(`B2: Chinese name "${name}" on 62 mm stock is whole, the largest text, 40–48 pt when it fits`, async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'badge-')), 'b2.pdf');
      writeFileSync(file, await renderer.render(testBadge(name), 'ql62'));
      expect(pdfPageMm(file).pages).toBe(1);
      expect(run('pdftotext', [file, '-']).replace(/\s+/g, '')).toContain(name);
      const boxes = words(file);
      const nameBoxes = boxes.filter((w) => name.includes(w.text));
      const size = Math.min(...nameBoxes.map((w) => w.height)) / 1.45;
      for (const w of boxes.filter((b) => !name.includes(b.text))) expect(size * 1.45).toBeGreaterThan(w.height);
      // Up to 4 characters fit at ≥ 40 pt (B2); longer names shrink, never below 24 pt.
      if ([...name].length <= 4) expect(size).toBeGreaterThanOrEqual(39.5);
      expect(size).toBeGreaterThanOrEqual(23.5);
      expect(size).toBeLessThanOrEqual(48.5);
    }, 30_000);
  }

  it('R-V6: no escort stripe when the visit needs no escort', async () => {
    const pdf = await renderer.render(testBadge(CHINESE_NAME, { escortRequired: false }), 'ql62x100');
    const receipt = await ipp.printPdf(pdf, 'badge-no-escort');
    const file = await spooledPdf(printer.spool, receipt.jobId ?? -1);
    const flat = run('pdftotext', [file, '-']).replace(/\s+/g, '');
    expect(flat).not.toContain('ESCORT');
    expect(flat).toContain('访客VISITOR');
  }, 30_000);
});
