/**
 * R-K3 "prints the holder's face/name on it if the printer can": the CR80
 * card face (layout content, ux.md B2–B4) and a card print job through the
 * badge print queue to a real IPP printer (ippeveprinter), read back with
 * poppler and rasterised for a look.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventHub } from '../../../electron/services/api-handler';
import { PrintingService } from '../../../electron/services/printing/printing-service';
import { CARD_FACE_PT, CARD_FACE_STRINGS, idCardHtml, type IdCardFace } from '../../../hardware/printer/card-face';
import { MEDIA } from '../../../hardware/printer/media';
import { TestPrinter } from './ippeveprinter';
import { PHOTO, pdfPageMm, run } from './fixtures';

const OUT = 'test-results/badges';
const face = (extra: Partial<IdCardFace> = {}): IdCardFace => ({
  holderName: '张伟',
  company: '华数云科技有限公司',
  cardNumber: 'KA-2026-00007',
  validFrom: '2026-11-22',
  validTo: '2027-11-21',
  photo: PHOTO,
  printerUri: 'ipp://127.0.0.1:1/ipp/print',
  ...extra,
});

describe('CR80 card face layout (R-K3, ux.md B2–B4)', () => {
  it('holds photo, name, company, card number and validity in words; text escaped', () => {
    const html = idCardHtml(face({ company: '<b>华数</b>' }));
    expect(html).toContain('<h1 class="name" lang="zh-CN">张伟</h1>');
    expect(html).toContain('&#60;b&#62;华数');
    expect(html).not.toContain('<b>华数');
    expect(html).toContain('KA-2026-00007');
    expect(html).toContain('2026-11-22 – 2027-11-21');
    expect(html).toContain(CARD_FACE_STRINGS.valid);
    expect(html).toContain('class="photo"');
    expect(html).toContain(`size:${MEDIA.cr80.widthMm}mm ${MEDIA.cr80.heightMm}mm`);
  });

  it('a photo that is not an inline PNG/JPEG is not printed; the name is the largest text and no Han text is under 10 pt', () => {
    expect(idCardHtml(face({ photo: 'https://evil.example/x.png' }))).not.toContain('class="photo"');
    const { nameMax, nameMin, ...rest } = CARD_FACE_PT;
    expect(nameMax).toBeGreaterThan(Math.max(...Object.values(rest)));
    expect(nameMin).toBeGreaterThanOrEqual(10);
    expect(Math.min(...Object.values(rest))).toBeGreaterThanOrEqual(10);
  });
});

describe('card print job through the badge queue to ippeveprinter (R-K3)', () => {
  let printer: TestPrinter;
  let service: PrintingService;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    printer = await TestPrinter.start();
    service = await PrintingService.open({
      dataDir: mkdtempSync(join(tmpdir(), 'card-print-')),
      events: new EventHub(),
      statusPollMs: 0,
    });
  }, 30_000);
  afterAll(async () => {
    await service?.close();
    await printer?.stop();
  });

  function spooled(dir: string): string | undefined {
    if (!existsSync(dir)) return undefined;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        const inner = spooled(p);
        if (inner) return inner;
      } else if (e.name.includes('card-ka-2026-00007') && e.name.endsWith('.pdf')) return p;
    }
    return undefined;
  }

  it('the job is done and the printer holds a CR80 PDF with the holder name and card number', async () => {
    const jobId = service.printIdCard(face({ printerUri: printer.uri, holderName: 'Maximilian Alexander Montgomery-Smithers' }), '王芳');
    await expect.poll(() => service.jobState(jobId)?.state, { timeout: 30_000, interval: 100 }).not.toBe('queued');
    await expect.poll(() => service.jobState(jobId)?.state, { timeout: 30_000, interval: 100 }).not.toBe('printing');
    expect([service.jobState(jobId)?.state, service.jobError(jobId)]).toEqual(['done', '']);
    let file: string | undefined;
    await expect.poll(() => (file = spooled(printer.spool)), { timeout: 5_000 }).toBeDefined();
    const pdf = file ?? '';
    copyFileSync(pdf, `${OUT}/idcard-cr80.pdf`);
    const page = pdfPageMm(pdf);
    expect(Math.abs(page.width - MEDIA.cr80.widthMm)).toBeLessThan(0.5);
    expect(Math.abs(page.height - MEDIA.cr80.heightMm)).toBeLessThan(0.5);
    const flat = run('pdftotext', [pdf, '-']).replace(/\s+/g, '');
    expect(flat.replace(/-/g, '')).toContain('MaximilianAlexanderMontgomerySmithers');
    expect(flat).toContain('KA-2026-00007');
    expect(flat).toContain('华数云科技有限公司');
    expect(flat).toContain('有效期Valid2026-11-22–2027-11-21');
    run('pdftoppm', ['-png', '-r', '150', '-singlefile', pdf, `${OUT}/idcard-cr80`]);
    const jobs = service.jobs(5);
    expect(jobs[0]).toMatchObject({ badgeCode: 'KA-2026-00007', medium: 'cr80', requestedBy: '王芳', destination: printer.uri });
  }, 60_000);

  it('an unreachable card printer fails the job with a reason, never silently', async () => {
    const jobId = service.printIdCard(face({ cardNumber: 'KA-2026-00008' }), '王芳');
    await expect.poll(() => service.jobState(jobId)?.state, { timeout: 30_000, interval: 100 }).toBe('failed');
    expect(service.jobState(jobId)?.errorCode).toBe('offline');
    expect(service.jobError(jobId).length).toBeGreaterThan(0);
  }, 60_000);
});
