import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import type { BadgeData } from './badge-data';
import { badgeFontFaces } from './badge-fonts';
import { MEDIA, pageDots, printableLeftDots, type Medium, type MediumId } from './media';

/**
 * Fills assets/badges/badge.html. No template engine: the template has a
 * fixed set of slots, every user-supplied value is plain text escaped the
 * same way, and the three markup slots are produced here (fonts, CSS, QR) —
 * an engine would add a dependency and a second escaping model to audit.
 */

const DEFAULT_ASSETS = fileURLToPath(new URL('../../assets/badges/', import.meta.url));

/** Renderers wait for this before printing: fonts loaded and the name fitted. */
export const BADGE_READY_EXPRESSION = "document.body.getAttribute('data-ready') === '1'";
/** True when the text did not fit even after dropping optional lines. */
export const BADGE_OVERFLOW_EXPRESSION = "document.body.getAttribute('data-overflow') === '1'";

const QR_CAPTION_DOTS = 60;
const GAP_DOTS = 12;
const PHOTO_HEIGHT_DOTS: Record<MediumId, number> = { ql62x100: 240, ql62: 220, dymo54x101: 230, cr80: 240 };
const NAME_MAX_PT: Record<MediumId, number> = { ql62x100: 48, ql62: 48, dymo54x101: 48, cr80: 36 };
/** ux.md B2: Latin names shrink no further than 24 pt, then wrap. */
export const NAME_MIN_PT = 24;
/**
 * An 85.6 mm card cannot hold a 40-character Latin name at 24 pt (four lines)
 * with the flags, host and validity; there the name may go down to 18 pt,
 * still the largest text on the card.
 */
export const CARD_NAME_FLOOR_PT = 18;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only inline raster images pass; anything else (remote URL, SVG with script) prints no photo. */
const SAFE_PHOTO = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/;

export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

export interface BadgeLayout {
  readonly flowLeft: number;
  readonly flowTop: number;
  readonly flowW: number;
  readonly flowH: number;
  readonly photoLeft: number;
  readonly photoTop: number;
  readonly photoW: number;
  readonly photoH: number;
  readonly qrLeft: number;
  readonly qrTop: number;
  readonly qrSize: number;
  readonly qrModules: number;
  /** Space the text flows around (portrait): QR with its caption, and the photo. */
  readonly holeQrW: number;
  readonly holeBottomH: number;
  readonly holePhotoW: number;
  readonly holeTopW: number;
  readonly holeTopH: number;
}

/**
 * Chromium's print layout rounds box positions to CSS-pixel fractions, so a
 * QR placed at an arbitrary dot can land part of a dot off (seen on CR80:
 * 29-dot finder runs for 28). Whole CSS pixels (1/96 in) and whole dots
 * (1/300 in) coincide every 25 dots; starting the QR there keeps every module
 * edge on a dot edge (checked by the B5 test on the 300 dpi bitmap).
 */
const SNAP_DOTS = 25;
function snapDown(dots: number): number {
  return Math.floor(dots / SNAP_DOTS) * SNAP_DOTS;
}

/** Width of the code caption under the QR: bold 11 pt Latin, ~0.7 em per character with tracking. */
function captionDots(code: string): number {
  return Math.ceil(code.length * 0.7 * 46);
}

/** Geometry in whole dots: QR size is modules × whole dots per module (B5). */
export function badgeLayout(medium: Medium, qrModules: number, withPhoto: boolean, code: string): BadgeLayout {
  const page = pageDots(medium);
  const left = printableLeftDots(medium);
  const width = medium.printableWidthDots;
  const top = medium.feedMarginDots;
  const bottom = Math.floor(page.height) - medium.feedMarginDots;
  const qrSize = qrModules * medium.qrModuleDots;
  const photoH = withPhoto ? PHOTO_HEIGHT_DOTS[medium.id] : 0;
  const photoW = Math.round((photoH * 3) / 4);
  // Cards are short and wide: the photo goes top right, beside header and name.
  const landscape = medium.orientation === 'landscape';
  const holeQrW = Math.max(qrSize, captionDots(code)) + GAP_DOTS;
  // Portrait: the gutter between photo and QR is too narrow for text, so the
  // photo's hole takes the whole row left of the QR.
  const holePhotoW = withPhoto ? (landscape ? photoW + GAP_DOTS : width - holeQrW) : 0;
  return {
    flowLeft: left,
    flowTop: top,
    flowW: width,
    flowH: bottom - top,
    photoLeft: landscape ? left + width - photoW : left,
    photoTop: landscape ? top : bottom - photoH,
    photoW,
    photoH,
    qrLeft: snapDown(left + width - qrSize),
    qrTop: snapDown(bottom - QR_CAPTION_DOTS - qrSize),
    qrSize,
    qrModules,
    holeQrW,
    holeBottomH: Math.max(qrSize + QR_CAPTION_DOTS, landscape ? 0 : photoH) + GAP_DOTS,
    holePhotoW: landscape ? 0 : holePhotoW,
    holeTopW: landscape ? holePhotoW : 0,
    holeTopH: landscape && withPhoto ? photoH + GAP_DOTS : 0,
  };
}

const QUIET_ZONE_MODULES = 4;

/**
 * The QR as filled squares, one rectangle per horizontal run of dark modules,
 * with the ≥ 4-module quiet zone of ux.md B5 drawn white. Not qrcode's own
 * SVG: that draws 1-unit strokes centred on half-module lines, which poppler
 * and printer RIPs stroke-adjust to whole pixels, leaving white hairlines
 * through the code at 4 dots per module.
 */
export function qrSvg(code: string): { svg: string; modules: number } {
  const qr = QRCode.create(code, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const total = size + 2 * QUIET_ZONE_MODULES;
  let path = '';
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!qr.modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && qr.modules.get(y, x)) x++;
      path += `M${start + QUIET_ZONE_MODULES} ${y + QUIET_ZONE_MODULES}h${x - start}v1h${start - x}z`;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" shape-rendering="crispEdges">` +
    `<rect width="${total}" height="${total}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
  return { svg, modules: total };
}

export interface BadgeHtmlOptions {
  /** Folder holding badge.html and badge.css (the packaged app passes its own). */
  readonly assetsDir?: string;
}

const templateCache = new Map<string, { html: string; css: string }>();

function loadTemplate(dir: string): { html: string; css: string } {
  let t = templateCache.get(dir);
  if (!t) {
    t = { html: readFileSync(`${dir}/badge.html`, 'utf8'), css: readFileSync(`${dir}/badge.css`, 'utf8') };
    templateCache.set(dir, t);
  }
  return t;
}

const WHEN_AT_END = /^(.*?)\s*((?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2})$/;

function validParts(badge: BadgeData): { validLabel: string; validShort: string; validDated: string } {
  const short = WHEN_AT_END.exec(badge.validUntil);
  const dated = WHEN_AT_END.exec(badge.validUntilDated ?? badge.validUntil);
  return {
    validLabel: short?.[1] ?? badge.validUntil,
    validShort: short?.[2] ?? '',
    validDated: dated?.[2] ?? short?.[2] ?? '',
  };
}

/** The badge page for one medium: self-contained HTML (fonts, CSS, QR inline). */
export async function badgeHtml(badge: BadgeData, mediumId: MediumId, options: BadgeHtmlOptions = {}): Promise<string> {
  const medium = MEDIA[mediumId];
  const { html, css } = loadTemplate(options.assetsDir ?? DEFAULT_ASSETS);
  const photo = badge.photo !== null && SAFE_PHOTO.test(badge.photo) ? badge.photo : null;
  const { svg: qr, modules: qrModules } = qrSvg(badge.badgeCode);
  const layout = badgeLayout(medium, qrModules, photo !== null, badge.badgeCode);

  const text: Record<string, string> = {
    medium: medium.id,
    category: badge.category,
    flags: [
      medium.orientation,
      // has-/no- prefixes keep these apart from element classes (.escort, .photo).
      badge.escortRequired ? 'has-escort' : 'no-escort',
      badge.passNumber ? 'has-pass' : 'no-pass',
      photo ? 'has-photo' : 'no-photo',
    ].join(' '),
    nameLang: hasHan(badge.name) ? 'zh-CN' : 'en',
    name: badge.name,
    visitorLabel: badge.visitorLabel,
    categoryLabel: badge.categoryLabel,
    company: badge.company,
    hostLabel: badge.hostLabel,
    host: badge.host,
    issued: badge.issued,
    // The label may wrap, the date and time may not ("2026-" / "03-05" reads as two things).
    ...validParts(badge),
    passLabel: badge.passLabel,
    passNumber: badge.passNumber ?? '',
    escortLabel: badge.escortLabel,
    badgeCode: badge.badgeCode,
    photo: photo ?? 'data:,',
  };
  const vars: Record<string, number> = {
    'page-w': medium.widthMm,
    'page-h': medium.heightMm,
    'flow-left': layout.flowLeft,
    'flow-top': layout.flowTop,
    'flow-w': layout.flowW,
    'flow-h': layout.flowH,
    'photo-left': layout.photoLeft,
    'photo-top': layout.photoTop,
    'photo-w': layout.photoW,
    'photo-h': layout.photoH,
    'qr-left': layout.qrLeft,
    'qr-top': layout.qrTop,
    'qr-size': layout.qrSize,
    'hole-qr-w': layout.holeQrW,
    'hole-bottom-h': layout.holeBottomH,
    'hole-photo-w': layout.holePhotoW,
    'hole-top-w': layout.holeTopW,
    'hole-top-h': layout.holeTopH,
    'name-max': NAME_MAX_PT[medium.id],
    'name-min': NAME_MIN_PT,
    'name-floor': medium.id === 'cr80' ? CARD_NAME_FLOOR_PT : NAME_MIN_PT,
  };
  const markup: Record<string, string> = {
    // Regular weight only where badge.css sets it: host line, time of issue, pass label.
    fonts: badgeFontFaces({
      400: `${badge.hostLabel} ${badge.host} ${badge.issued} ${badge.passLabel} 0123456789-:·`,
      700: `${Object.values(text).join('')} 0123456789-:·`,
    }),
    css: `${css}\n@page{size:${medium.widthMm}mm ${medium.heightMm}mm;margin:0}`,
    vars: Object.entries(vars)
      .map(([k, v]) => `--${k}:${v}`)
      .join(';'),
    qr,
  };

  return html.replace(/\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g, (_m, raw: string | undefined, plain: string | undefined) => {
    if (raw !== undefined) {
      const value = markup[raw];
      if (value === undefined) throw new Error(`badge.html: unknown markup slot ${raw}`);
      return value;
    }
    const value = plain === undefined ? undefined : text[plain];
    if (value === undefined) throw new Error(`badge.html: unknown slot ${String(plain)}`);
    return escapeHtml(value);
  });
}
