/**
 * The badge renderer keeps a warm page and reuses it (a new page cost a renderer
 * process per badge): each job must still get a fresh document, whatever the
 * job before it did. Real Chromium, PDFs read back with poppler's pdftotext.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumBadgeRenderer } from '../../../hardware/printer/chromium-renderer';
import { PrinterError } from '../../../hardware/printer/errors';
import { CHINESE_NAME, LONG_LATIN_NAME, run, testBadge } from './fixtures';

let renderer: ChromiumBadgeRenderer;
const dir = mkdtempSync(join(tmpdir(), 'badge-renderer-'));
let n = 0;

beforeAll(() => {
  renderer = new ChromiumBadgeRenderer();
});
afterAll(async () => {
  await renderer?.close();
});

/** The text of a rendered badge, spaces and line breaks removed. */
function textOf(pdf: Buffer): string {
  const file = join(dir, `badge-${n++}.pdf`);
  writeFileSync(file, pdf);
  return run('pdftotext', [file, '-']).replace(/\s+/g, '');
}

describe('badge renderer reusing its page', () => {
  it('B2: a badge whose text cannot fit is refused, and the badges after it on the same page print whole', async () => {
    const tooLong = Array.from({ length: 40 }, () => LONG_LATIN_NAME).join(' ');
    const before = textOf(await renderer.render(testBadge(CHINESE_NAME, { badgeCode: 'AAAA1111' }), 'ql62x100'));
    expect(before).toContain(CHINESE_NAME);
    await expect(renderer.render(testBadge(tooLong), 'ql62x100')).rejects.toSatisfy(
      (e: unknown) => e instanceof PrinterError && e.code === 'render' && /does not fit/.test(e.detail),
    );
    const after = textOf(await renderer.render(testBadge('李四', { badgeCode: 'BBBB2222' }), 'ql62x100'));
    expect(after).toContain('李四');
    expect(after).toContain('BBBB2222');
    // Nothing of the jobs before: not their names, not their codes.
    expect(after).not.toContain(CHINESE_NAME);
    expect(after).not.toContain('AAAA1111');
    expect(after).not.toContain('Maximilian');
  }, 60_000);

  it('R-V6: badges rendered at the same time each get their own page and their own visitor', async () => {
    const names = ['赵一', '钱二', '孙三', '周四'];
    const pdfs = await Promise.all(names.map((name, i) => renderer.render(testBadge(name, { badgeCode: `CCCC000${i}` }), 'ql62x100')));
    pdfs.forEach((pdf, i) => {
      const text = textOf(pdf);
      expect(text).toContain(names[i]);
      expect(text).toContain(`CCCC000${i}`);
      for (const other of names.filter((_, j) => j !== i)) expect(text).not.toContain(other);
    });
  }, 60_000);
});
