import { chromium, type Browser } from 'playwright-core';
import type { BadgeData } from './badge-data';
import { BADGE_OVERFLOW_EXPRESSION, BADGE_READY_EXPRESSION, badgeHtml, type BadgeHtmlOptions } from './badge-html';
import { PrinterError } from './errors';
import { MEDIA, type MediumId } from './media';

/**
 * Turns a badge into a PDF of the medium's exact size. The desktop app will
 * add an implementation over webContents.printToPDF fed the same badgeHtml();
 * services and browser mode, where Electron is absent, use Chromium here.
 */
export interface BadgeRenderer {
  render(badge: BadgeData, medium: MediumId): Promise<Buffer>;
  close(): Promise<void>;
}

export interface ChromiumRendererOptions extends BadgeHtmlOptions {
  readonly executablePath?: string;
  /** Fonts, the fit script and the PDF normally take well under a second. */
  readonly timeoutMs?: number;
}

/**
 * One browser kept warm and reused (launching costs ~0.5 s, a page ~20 ms);
 * a fresh page per job so jobs cannot leak state into each other.
 */
export class ChromiumBadgeRenderer implements BadgeRenderer {
  private browser: Promise<Browser> | undefined;

  constructor(private readonly options: ChromiumRendererOptions = {}) {}

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launching = chromium.launch({
        executablePath: this.options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      this.browser = launching;
      // A crashed or failed browser is relaunched on the next job.
      launching.then(
        (b) => b.on('disconnected', () => (this.browser = undefined)),
        () => (this.browser = undefined),
      );
    }
    return this.browser;
  }

  async render(badge: BadgeData, mediumId: MediumId): Promise<Buffer> {
    const medium = MEDIA[mediumId];
    const timeout = this.options.timeoutMs ?? 15_000;
    try {
      const html = await badgeHtml(badge, mediumId, this.options);
      const browser = await this.launch();
      const page = await browser.newPage();
      try {
        page.setDefaultTimeout(timeout);
        await page.setContent(html, { waitUntil: 'load' });
        await page.waitForFunction(BADGE_READY_EXPRESSION);
        // Refuse rather than print a badge with lines silently cut off (ux.md B2).
        if (await page.evaluate(BADGE_OVERFLOW_EXPRESSION)) {
          throw new PrinterError('render', `badge text does not fit on ${medium.id}`);
        }
        return await page.pdf({
          width: `${medium.widthMm}mm`,
          height: `${medium.heightMm}mm`,
          printBackground: true,
          preferCSSPageSize: true,
        });
      } finally {
        await page.close();
      }
    } catch (err) {
      if (err instanceof PrinterError) throw err;
      throw new PrinterError('render', err instanceof Error ? err.message : String(err));
    }
  }

  async close(): Promise<void> {
    const pending = this.browser;
    this.browser = undefined;
    if (pending) await (await pending).close();
  }
}
