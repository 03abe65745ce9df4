/**
 * Badge media: the page size of the PDF is the medium's physical size, so the
 * print system can match it to the loaded stock (a PDF of another size is
 * scaled or centred by CUPS drivers, hardware.md 3.1). Inside it, everything
 * with ink stays within the printable band, which on the 62 mm Brother roll is
 * 696 dots at 300 dpi (ux.md B1).
 */
export const DPI = 300;
const MM_PER_INCH = 25.4;

export const MEDIUM_IDS = ['ql62x100', 'ql62', 'dymo54x101', 'cr80'] as const;
export type MediumId = (typeof MEDIUM_IDS)[number];

export interface Medium {
  readonly id: MediumId;
  readonly label: string;
  /** Physical page size in millimetres, as printed (landscape media are wider than tall). */
  readonly widthMm: number;
  readonly heightMm: number;
  /** Printable band across the print head, in dots at 300 dpi; centred on the page. */
  readonly printableWidthDots: number;
  /** Unprintable margin along the feed direction (leader/trailer), in dots. */
  readonly feedMarginDots: number;
  /** Whole dots per QR module (ux.md B5: ≥ 3, 4 preferred). */
  readonly qrModuleDots: number;
  readonly orientation: 'portrait' | 'landscape';
  /**
   * PWG 5101.1 self-describing media name (class_name_WxHmm, shorter side
   * first, `om` = other metric) sent as the IPP `media` job attribute, so a
   * driverless printer or CUPS picks the stock instead of scaling to A4/Letter.
   */
  readonly pwgMedia: string;
}

export function mmToDots(mm: number): number {
  return (mm / MM_PER_INCH) * DPI;
}

export const MEDIA: Readonly<Record<MediumId, Medium>> = {
  // Brother DK-11202 die-cut: 696 × 1109 printable dots (ux.md B1, brother_ql label table).
  ql62x100: {
    id: 'ql62x100',
    label: 'Brother QL 62×100 mm die-cut',
    widthMm: 62,
    heightMm: 100,
    printableWidthDots: 696,
    feedMarginDots: 36,
    qrModuleDots: 5,
    orientation: 'portrait',
    pwgMedia: 'om_dk-11202_62x100mm',
  },
  // DK-22205 continuous roll cut at a fixed 100 mm: the same 4×3 in (102×76 mm)
  // badge holder as the die-cut label, and 90 mm was too short for name,
  // escort stripe, pass number and photo together.
  ql62: {
    id: 'ql62',
    label: 'Brother QL 62 mm continuous (cut at 100 mm)',
    widthMm: 62,
    heightMm: 100,
    printableWidthDots: 696,
    feedMarginDots: 36,
    qrModuleDots: 5,
    orientation: 'portrait',
    pwgMedia: 'om_dk-22205_62x100mm',
  },
  // DYMO 99014 (54 × 101 mm); the 450's head is 672 dots but the label is only
  // 54 mm wide, so keep 1.5 mm clear on both sides for roll wander.
  dymo54x101: {
    id: 'dymo54x101',
    label: 'DYMO LabelWriter 54×101 mm',
    widthMm: 54,
    heightMm: 101,
    printableWidthDots: 602,
    feedMarginDots: 24,
    qrModuleDots: 4,
    orientation: 'portrait',
    pwgMedia: 'om_dymo-99014_54x101mm',
  },
  // ISO/IEC 7810 ID-1 (85.60 × 53.98 mm); card printers print edge to edge
  // but the last millimetre is unreliable, so keep 1.5 mm clear.
  cr80: {
    id: 'cr80',
    label: 'CR80 card (ID-1), landscape',
    widthMm: 85.6,
    heightMm: 53.98,
    printableWidthDots: 976,
    feedMarginDots: 18,
    qrModuleDots: 4,
    orientation: 'landscape',
    pwgMedia: 'om_cr80_53.98x85.6mm',
  },
};

/** Page size in dots (fractional: 62 mm is 732.28 dots). */
export function pageDots(medium: Medium): { width: number; height: number } {
  return { width: mmToDots(medium.widthMm), height: mmToDots(medium.heightMm) };
}

/** Left edge of the printable band in whole dots, so QR modules land on dot boundaries. */
export function printableLeftDots(medium: Medium): number {
  return Math.floor((pageDots(medium).width - medium.printableWidthDots) / 2);
}

export function isMediumId(value: string): value is MediumId {
  return (MEDIUM_IDS as readonly string[]).includes(value);
}
