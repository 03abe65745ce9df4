import type { BadgeData } from './badge-data';
import { MEDIA, mmToDots, type MediumId } from './media';

/**
 * ZPL II for Zebra label printers, built by hand: a badge needs about ten
 * commands (^XA ^PW ^LL ^CI ^FO ^A ^FB ^GB ^FR ^BQ ^FD ^FS ^XZ), and the
 * npm builders (jszpl, zebra-zpl-builder) add an object model and
 * dependencies for no gain while still leaving CJK fonts to us.
 */

export interface ZplOptions {
  /** Print-head resolution: 203 (8 dots/mm) or 300 (12 dots/mm). */
  readonly dpi?: 203 | 300;
  /**
   * Printer-resident font with CJK glyphs (e.g. "E:SIMSUN.TTF" or the
   * optional "E:ANMDS.TTF"), mapped to font 1. Without it the built-in font 0
   * is used, which has no Han glyphs.
   */
  readonly cjkFont?: string;
}

/**
 * Field data with ^FH_: the three characters ZPL gives meaning to inside ^FD
 * (^ starts a command, ~ a control command, _ the hex escape) become hex
 * escapes, and line breaks become spaces so a name cannot end the field.
 */
export function zplField(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A whole badge as one ^XA…^XZ label, laid out for the medium at the given resolution. */
export function badgeZpl(badge: BadgeData, mediumId: MediumId, options: ZplOptions = {}): string {
  const medium = MEDIA[mediumId];
  const scale = (options.dpi ?? 300) / 300;
  const d = (dots: number): number => Math.round(dots * scale);
  const width = d(mmToDots(medium.widthMm));
  const height = d(mmToDots(medium.heightMm));
  const margin = d(24);
  const inner = width - 2 * margin;
  const font = options.cjkFont ? '1' : '0';
  const out: string[] = ['^XA', '^CI28', `^PW${width}`, `^LL${height}`];
  if (options.cjkFont) out.push(`^CW1,${options.cjkFont}`);
  let y = d(30);

  const text = (value: string, size: number, lines = 1): void => {
    out.push(`^FO${margin},${y}^A${font}N,${d(size)},${d(size)}^FB${inner},${lines},0,L^FH_^FD${zplField(value)}^FS`);
    y += d(size) * lines + d(12);
  };
  // White text on a black bar: ^GB draws the bar, ^FR reverses the field over it.
  const bar = (value: string, size: number): void => {
    const h = d(size) + d(16);
    out.push(`^FO${margin},${y}^GB${inner},${h},${h}^FS`);
    out.push(`^FO${margin + d(12)},${y + d(8)}^A${font}N,${d(size)},${d(size)}^FR^FH_^FD${zplField(value)}^FS`);
    y += h + d(12);
  };

  bar(badge.visitorLabel, 50);
  text(badge.name, 150, 2);
  if (badge.escortRequired) bar(badge.escortLabel, 50);
  text(badge.categoryLabel, 50);
  if (badge.company) text(badge.company, 50, 2);
  text(`${badge.hostLabel} ${badge.host}`, 50);
  text(badge.issued, 50);
  text(badge.validUntil, 50);
  if (badge.passNumber) text(`${badge.passLabel} ${badge.passNumber}`, 50);

  // QR: model 2, magnification = dots per module; "MA," = error correction M, automatic input.
  const magnification = Math.max(3, Math.min(10, d(medium.qrModuleDots)));
  const qrTop = height - d(60) - 33 * magnification;
  out.push(`^FO${margin},${qrTop}^BQN,2,${magnification}^FH_^FDMA,${zplField(badge.badgeCode)}^FS`);
  out.push(`^FO${margin},${height - d(60)}^A0N,${d(42)},${d(42)}^FH_^FD${zplField(badge.badgeCode)}^FS`);
  out.push('^XZ');
  return out.join('\n') + '\n';
}
