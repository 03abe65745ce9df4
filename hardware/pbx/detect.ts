import { SMDR_FORMATS } from './formats/index';
import type { SmdrFormat } from './formats/types';

export interface Detection {
  format: SmdrFormat;
  score: number;
}

/** Below this share of understood lines, auto-detection gives no answer rather than a wrong one. */
export const MIN_DETECT_SCORE = 0.5;

/**
 * Picks the format that understands most of the first lines (latin1-decoded is
 * fine: every format's markers are ASCII). Returns null when none is
 * convincing; the site setting then has to name the format (overridable).
 */
export function detectFormat(lines: readonly string[], formats: readonly SmdrFormat[] = SMDR_FORMATS): Detection | null {
  let best: Detection | null = null;
  for (const format of formats) {
    const score = format.detect(lines);
    if (best === null || score > best.score) best = { format, score };
  }
  return best !== null && best.score >= MIN_DETECT_SCORE ? best : null;
}
