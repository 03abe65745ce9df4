import { chromium } from 'playwright-core';
import type { EvidenceRow } from '../../../shared/api/cards';
import { badgeFontFaces } from '../../../hardware/printer/badge-fonts';
import { EVIDENCE_COLUMNS, labelledEvidence } from './access-export';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The evidence table as a self-contained page: embedded Noto Sans SC, nothing loaded from outside. */
export function evidenceHtml(
  from: string,
  to: string,
  rows: readonly EvidenceRow[],
  company: string,
): string {
  const title = `机房进出记录 Machine-room entries · ${from} – ${to}`;
  const head = EVIDENCE_COLUMNS.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
  const body = labelledEvidence(rows)
    .map(
      (r) => `<tr>${EVIDENCE_COLUMNS.map((c) => `<td>${escapeHtml(r[c.key])}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const allText = title + company + head + body;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:">
<style>${badgeFontFaces({ 400: allText, 700: title + head })}
body{font-family:'Noto Sans SC',sans-serif;font-size:9pt;margin:0}
h1{font-size:13pt;margin:0 0 2mm}p{margin:0 0 4mm;color:#374151}
table{width:100%;border-collapse:collapse}th,td{border:0.5pt solid #9ca3af;padding:1mm 1.5mm;text-align:left;vertical-align:top}
thead{display:table-header-group}th{background:#e5e7eb}tr{break-inside:avoid}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(company)} · ${rows.length} · ${escapeHtml(new Date().toISOString())}</p>
<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></body></html>`;
}

/**
 * A4 landscape PDF through headless Chromium (playwright-core, the badge
 * renderer's engine). The badge renderer itself is badge-shaped (medium size,
 * fit check), so this opens its own short-lived browser: evidence exports are
 * rare and a warm browser would only hold memory.
 */
export async function evidencePdf(html: string): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.setContent(html, { waitUntil: 'load' });
    // Embedded fonts decode asynchronously; printing before they are ready would use fallback glyphs.
    await page.evaluate('document.fonts.ready.then(() => true)');
    return await page.pdf({
      format: 'A4',
      landscape: true,
      printBackground: true,
      margin: { top: '10mm', bottom: '12mm', left: '10mm', right: '10mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8pt;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    });
  } finally {
    await browser.close();
  }
}
