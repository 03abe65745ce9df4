import { badgeFontFaces } from './badge-fonts';
import { escapeHtml, hasHan } from './badge-html';
import { MEDIA } from './media';

/**
 * The printed face of an IDC identity card (R-K3 "prints the holder's
 * face/name on it if the printer can"): CR80 landscape, holder photo on the
 * left, name (the largest text, ux.md B2), company, the hub's card number and
 * the validity in words (B4). Same bundled font and the same ready/overflow
 * contract as the visitor badge, so the same renderer and queue print it.
 */
export interface IdCardFace {
  readonly holderName: string;
  readonly company: string;
  readonly cardNumber: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** Data URL (PNG/JPEG) or null: then the text takes the whole card. */
  readonly photo: string | null;
  /** Where the card printer is (ipp:// or ipps://). */
  readonly printerUri: string;
}

export const CARD_FACE_STRINGS = {
  title: 'IDC 身份校验卡 IDC ACCESS CARD',
  number: '卡号 Card No.',
  valid: '有效期 Valid',
} as const;

/** Point sizes (ux.md B2/B3: name largest; no Han text below 10 pt, nothing below 8 pt). */
export const CARD_FACE_PT = { nameMax: 26, nameMin: 14, company: 11, number: 13, label: 10, title: 10 } as const;

const SAFE_PHOTO = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/;

/** Self-contained HTML of the card face; waits for fonts, fits the name, then sets data-ready. */
export function idCardHtml(face: IdCardFace): string {
  const m = MEDIA.cr80;
  const photo = face.photo && SAFE_PHOTO.test(face.photo) ? face.photo : null;
  const e = escapeHtml;
  const all = `${face.holderName}${face.company}${face.cardNumber}${face.validFrom}${face.validTo}${Object.values(CARD_FACE_STRINGS).join('')}0123456789-–`;
  const pt = CARD_FACE_PT;
  const css = `
@page{size:${m.widthMm}mm ${m.heightMm}mm;margin:0}
html,body{margin:0;padding:0}
body{width:${m.widthMm}mm;height:${m.heightMm}mm;position:relative;overflow:hidden;font-family:'Noto Sans SC',sans-serif;color:#000;background:#fff}
.title{position:absolute;left:2mm;right:2mm;top:1.8mm;font-size:${pt.title}pt;font-weight:700;border-bottom:0.4mm solid #000;padding-bottom:0.6mm;white-space:nowrap}
.photo{position:absolute;left:2mm;top:9mm;width:22.5mm;height:30mm;object-fit:cover;border:0.3mm solid #000}
.text{position:absolute;left:${photo ? 27 : 2}mm;right:2mm;top:9mm;bottom:13.5mm;display:flex;flex-direction:column;gap:1mm;overflow:hidden}
.foot{position:absolute;left:2mm;right:2mm;bottom:2mm;height:10.5mm;display:flex;justify-content:space-between;align-items:flex-end;gap:3mm;border-top:0.3mm solid #000;padding-top:0.5mm;overflow:hidden}
.name{margin:0;font-size:${pt.nameMax}pt;font-weight:700;line-height:1.15;overflow-wrap:anywhere}
.company{margin:0;font-size:${pt.company}pt;font-weight:700;line-height:1.3}
.label{display:block;font-size:${pt.label}pt;font-weight:400;line-height:1.2}
.number{margin:0;font-size:${pt.number}pt;line-height:1.2;font-weight:700;white-space:nowrap}
.valid{margin:0;text-align:right;font-size:${pt.label}pt;line-height:1.2;font-weight:700;white-space:nowrap}
`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8" />
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; font-src data:; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'" />
<title>${e(face.cardNumber)}</title>
<style>${badgeFontFaces({ 400: all, 700: all })}</style><style>${css}</style></head>
<body class="idcard ${photo ? 'has-photo' : 'no-photo'}">
<header class="title">${e(CARD_FACE_STRINGS.title)}</header>
${photo ? `<img class="photo" alt="" src="${photo}" />` : ''}
<main class="text">
<h1 class="name" lang="${hasHan(face.holderName) ? 'zh-CN' : 'en'}">${e(face.holderName)}</h1>
<p class="company">${e(face.company)}</p>
</main>
<footer class="foot">
<p class="number"><span class="label">${e(CARD_FACE_STRINGS.number)}</span> ${e(face.cardNumber)}</p>
<p class="valid"><span class="label">${e(CARD_FACE_STRINGS.valid)}</span> ${e(face.validFrom)} – ${e(face.validTo)}</p>
</footer>
<script>
(function () {
  var main = document.querySelector('.text');
  var name = document.querySelector('.name');
  var foot = document.querySelector('.foot');
  function inside(el) { return el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1; }
  function fits() { return inside(main) && inside(foot); }
  document.fonts.ready.then(function () {
    // ux.md B2: shrink the name 1 pt at a time to the minimum, then wrap; never cut it.
    for (var s = ${pt.nameMax}; s >= ${pt.nameMin} && !fits(); s--) name.style.fontSize = s + 'pt';
    if (!fits()) document.body.setAttribute('data-overflow', '1');
    document.body.setAttribute('data-ready', '1');
  });
})();
</script>
</body></html>`;
}
