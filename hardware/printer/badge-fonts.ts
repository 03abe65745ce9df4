import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * @font-face rules for the bundled Noto Sans SC, embedded as base64 data URLs
 * and limited to the unicode-range chunks the badge's text touches.
 *
 * Why embedded and not file:// URLs: the badge page is loaded with
 * setContent (about:blank origin), from which Chromium refuses file:// loads,
 * and Electron's printToPDF gets the same HTML; data URLs work in both and the
 * output never depends on installed fonts (ux.md B6). Only the touched chunks
 * are embedded (a name plus labels is typically 5–15 of ~100 chunks).
 */

const WEIGHTS = [400, 700] as const;
export type Weight = (typeof WEIGHTS)[number];

interface FontChunk {
  readonly weight: Weight;
  readonly file: string;
  readonly ranges: readonly (readonly [number, number])[];
}

const require = createRequire(import.meta.url);

function fontDir(): string {
  return dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
}

function parseRanges(spec: string): [number, number][] {
  return spec.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = Number.parseInt(from ?? '', 16);
    return [start, to === undefined ? start : Number.parseInt(to, 16)];
  });
}

let chunks: FontChunk[] | undefined;

function loadChunks(): FontChunk[] {
  if (chunks) return chunks;
  const dir = fontDir();
  const found: FontChunk[] = [];
  for (const weight of WEIGHTS) {
    const css = readFileSync(join(dir, `${weight}.css`), 'utf8');
    for (const block of css.split('@font-face').slice(1)) {
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (file && range) found.push({ weight, file: join(dir, 'files', file), ranges: parseRanges(range) });
    }
  }
  chunks = found;
  return found;
}

const base64Cache = new Map<string, string>();

function base64(file: string): string {
  let data = base64Cache.get(file);
  if (!data) {
    data = readFileSync(file).toString('base64');
    base64Cache.set(file, data);
  }
  return data;
}

function covers(chunk: FontChunk, codePoints: ReadonlySet<number>): boolean {
  for (const cp of codePoints) {
    for (const [from, to] of chunk.ranges) if (cp >= from && cp <= to) return true;
  }
  return false;
}

function codePointsOf(text: string): Set<number> {
  const codePoints = new Set<number>();
  for (const ch of text) codePoints.add(ch.codePointAt(0) ?? 0);
  return codePoints;
}

/**
 * CSS @font-face rules covering the text set in each weight. The caller
 * passes per weight the text drawn in it; bold covers everything as a safety
 * net (a glyph missing there would fall back to an installed font).
 */
export function badgeFontFaces(text: Readonly<Record<Weight, string>>): string {
  const needed: Record<Weight, Set<number>> = {
    400: codePointsOf(text[400]),
    700: codePointsOf(text[400] + text[700]),
  };
  return loadChunks()
    .filter((chunk) => covers(chunk, needed[chunk.weight]))
    .map(
      (chunk) =>
        `@font-face{font-family:'Noto Sans SC';font-style:normal;font-weight:${chunk.weight};` +
        `src:url(data:font/woff2;base64,${base64(chunk.file)}) format('woff2');` +
        `unicode-range:${chunk.ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',')};}`,
    )
    .join('\n');
}
