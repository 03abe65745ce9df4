import { chromium, type BrowserContext } from 'playwright-core';
import type { BadgeData } from './badge-data';
import { BADGE_OVERFLOW_EXPRESSION, BADGE_READY_EXPRESSION, badgeHtml, type BadgeHtmlOptions } from './badge-html';
import { idCardHtml } from './card-face';
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
 * One browser and one context kept warm and reused (launching costs ~0.5 s,
 * a new context ~200 ms, a page in a live context a few ms); a fresh page per
 * job so jobs cannot leak state into each other. Badge pages load nothing
 * from outside (CSP default-src 'none'), so sharing the context shares no data.
 */
export class ChromiumBadgeRenderer implements BadgeRenderer {
  private context: Promise<BrowserContext> | undefined;

  constructor(private readonly options: ChromiumRendererOptions = {}) {}

  private launch(): Promise<BrowserContext> {
    if (!this.context) {
      const launching = chromium
        .launch({
          executablePath: this.options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        })
        .then(async (browser) => {
          // A crashed browser is relaunched on the next job.
          browser.on('disconnected', () => (this.context = undefined));
          return browser.newContext();
        });
      this.context = launching;
      launching.catch(() => (this.context = undefined));
    }
    return this.context;
  }

  async render(badge: BadgeData, mediumId: MediumId): Promise<Buffer> {
    const medium = MEDIA[mediumId];
    const timeout = this.options.timeoutMs ?? 15_000;
    try {
      const html = badge.idCard ? idCardHtml(badge.idCard) : await badgeHtml(badge, mediumId, this.options);
      const context = await this.launch();
      const page = await context.newPage();
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
    const pending = this.context;
    this.context = undefined;
    const browser = pending ? (await pending).browser() : null;
    await browser?.close();
  }
}
