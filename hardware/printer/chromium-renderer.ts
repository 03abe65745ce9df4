import { chromium, type BrowserContext, type Page } from 'playwright-core';
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

/** Overlapping jobs may leave more pages than one; more than this are closed. */
const MAX_IDLE_PAGES = 2;

export interface ChromiumRendererOptions extends BadgeHtmlOptions {
  readonly executablePath?: string;
  /** Fonts, the fit script and the PDF normally take well under a second. */
  readonly timeoutMs?: number;
}

/**
 * One browser, one context and a page kept warm and reused (launching costs
 * ~0.5 s, a new context ~200 ms, and a new page a renderer process: ~0.4 s of
 * CPU per badge, taken from the sign-in syncing beside it on a kiosk). Between
 * jobs a page goes back to about:blank, which gives the next job a new
 * document and a new window, so jobs cannot leak state into each other; a page
 * whose job failed is closed, not reused. Badge pages load nothing from
 * outside (CSP default-src 'none'), so sharing the context shares no data.
 */
export class ChromiumBadgeRenderer implements BadgeRenderer {
  private context: Promise<BrowserContext> | undefined;
  /** Pages back on about:blank, ready for a job (more than one only when jobs overlap). */
  private idle: Page[] = [];

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
          browser.on('disconnected', () => {
            this.context = undefined;
            this.idle = [];
          });
          return browser.newContext();
        });
      this.context = launching;
      launching.catch(() => (this.context = undefined));
    }
    return this.context;
  }

  private async takePage(): Promise<Page> {
    const context = await this.launch();
    for (let page = this.idle.pop(); page; page = this.idle.pop()) if (!page.isClosed()) return page;
    return context.newPage();
  }

  /** Back to about:blank and into the pool; a page beyond the pool, or that cannot get there, is closed. */
  private async release(page: Page): Promise<void> {
    const back = this.idle.length < MAX_IDLE_PAGES && (await page.goto('about:blank').then(() => true, () => false));
    if (back) this.idle.push(page);
    else await page.close().catch(() => undefined);
  }

  async render(badge: BadgeData, mediumId: MediumId): Promise<Buffer> {
    const medium = MEDIA[mediumId];
    const timeout = this.options.timeoutMs ?? 15_000;
    try {
      const html = badge.idCard ? idCardHtml(badge.idCard) : await badgeHtml(badge, mediumId, this.options);
      const page = await this.takePage();
      // A page whose job failed other than by refusing the badge (a timeout, a crash) is not trusted again.
      let reusable = true;
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
      } catch (err) {
        if (!(err instanceof PrinterError)) reusable = false;
        throw err;
      } finally {
        // Not awaited: the PDF goes to the printer while the page is reset.
        if (reusable) void this.release(page);
        else void page.close().catch(() => undefined);
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
