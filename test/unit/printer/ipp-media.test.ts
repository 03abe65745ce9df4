import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumBadgeRenderer } from '../../../hardware/printer/chromium-renderer';
import { IppBadgePrinter, forgetRefusedMedia } from '../../../hardware/printer/ipp-printer';
import { MEDIA, MEDIUM_IDS } from '../../../hardware/printer/media';
import { TestPrinter } from './ippeveprinter';
import { pdfPageMm, spooledPdf, testBadge } from './fixtures';

/**
 * The IPP `media` job attribute (PWG 5101.1 names) against two real
 * ippeveprinters: one whose media-supported lists the badge stock (a label
 * printer), and the stock one, which knows only office paper and refuses.
 */

let labelPrinter: TestPrinter;
let officePrinter: TestPrinter;
let renderer: ChromiumBadgeRenderer;

beforeAll(async () => {
  const conf = join(mkdtempSync(join(tmpdir(), 'ippeve-conf-')), 'label.conf');
  writeFileSync(
    conf,
    [
      'ATTR mimeMediaType document-format-supported application/pdf,application/octet-stream',
      `ATTR keyword media-supported ${MEDIUM_IDS.map((id) => MEDIA[id].pwgMedia).join(',')}`,
      `ATTR keyword media-default ${MEDIA.ql62x100.pwgMedia}`,
      'ATTR text printer-make-and-model "Badge Label Test"',
      '',
    ].join('\n'),
  );
  [labelPrinter, officePrinter] = await Promise.all([TestPrinter.start(undefined, ['-a', conf]), TestPrinter.start()]);
  renderer = new ChromiumBadgeRenderer();
}, 30_000);

afterAll(async () => {
  await renderer?.close();
  await labelPrinter?.stop();
  await officePrinter?.stop();
});

describe('IPP media attribute (issue 5)', () => {
  it('media names are PWG 5101.1 self-describing: class_name_WxHmm, shorter side first, matching the PDF page', () => {
    for (const id of MEDIUM_IDS) {
      const m = /^om_[a-z0-9-]+_([\d.]+)x([\d.]+)mm$/.exec(MEDIA[id].pwgMedia);
      expect(m, MEDIA[id].pwgMedia).not.toBeNull();
      const [a, b] = [Number(m?.[1]), Number(m?.[2])];
      expect(a).toBeLessThanOrEqual(b);
      expect([a, b]).toEqual([MEDIA[id].widthMm, MEDIA[id].heightMm].sort((x, y) => x - y));
    }
  });

  for (const id of MEDIUM_IDS) {
    it(`R-V6: a ${id} badge job carries media ${MEDIA[id].pwgMedia}, as the printer's Get-Job-Attributes records it`, async () => {
      const warnings: string[] = [];
      const ipp = new IppBadgePrinter({ uri: labelPrinter.uri, timeoutMs: 5_000, onWarning: (w) => warnings.push(w) });
      const pdf = await renderer.render(testBadge('王小明', { badgeCode: `MEDIA${id.length}` }), id);
      const receipt = await ipp.printPdf(pdf, `badge-media-${id}`, { media: MEDIA[id].pwgMedia });
      expect(receipt.media).toBe(MEDIA[id].pwgMedia);
      expect(warnings).toEqual([]);
      const attrs = await ipp.jobAttributes(receipt.jobId ?? -1);
      expect(attrs.media).toBe(MEDIA[id].pwgMedia);
      const page = pdfPageMm(await spooledPdf(labelPrinter.spool, receipt.jobId ?? -1));
      expect(Math.abs(page.width - MEDIA[id].widthMm)).toBeLessThan(0.5);
    }, 30_000);
  }

  it('R-X3: a printer that refuses the media name still gets the badge, sent again without it, and the refusal is logged', async () => {
    const warnings: string[] = [];
    const ipp = new IppBadgePrinter({ uri: officePrinter.uri, timeoutMs: 5_000, onWarning: (w) => warnings.push(w) });
    const pdf = await renderer.render(testBadge('Anna Schmidt', { badgeCode: 'NOMEDIA1' }), 'dymo54x101');
    const receipt = await ipp.printPdf(pdf, 'badge-nomedia', { media: MEDIA.dymo54x101.pwgMedia });
    expect(receipt.jobId).toBeTypeOf('number');
    expect(receipt.media).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('client-error-attributes-or-values-not-supported');
    expect(warnings[0]).toContain(MEDIA.dymo54x101.pwgMedia);
    const attrs = await ipp.jobAttributes(receipt.jobId ?? -1);
    // The job went without our name: the printer's own default, not the refused value.
    expect(attrs.media).not.toBe(MEDIA.dymo54x101.pwgMedia);
    const page = pdfPageMm(await spooledPdf(officePrinter.spool, receipt.jobId ?? -1));
    expect(Math.abs(page.width - MEDIA.dymo54x101.widthMm)).toBeLessThan(0.5);

    // The refusal is remembered for that printer: the next badge goes without at once, logged once (ux.md C9).
    const next = await ipp.printPdf(pdf, 'badge-nomedia-2', { media: MEDIA.dymo54x101.pwgMedia });
    expect(next).toMatchObject({ media: null });
    expect(next.jobId).toBe((receipt.jobId ?? 0) + 1);
    expect(warnings).toHaveLength(1);
    // A settings change forgets it, so a reconfigured printer is asked again.
    forgetRefusedMedia();
    await ipp.printPdf(pdf, 'badge-nomedia-3', { media: MEDIA.dymo54x101.pwgMedia });
    expect(warnings).toHaveLength(2);
  }, 30_000);
});
