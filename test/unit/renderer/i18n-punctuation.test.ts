/**
 * ux.md (CJK typography): zh strings use full-width Chinese punctuation
 * （，。：；？！“”）, en strings half-width; never both in one string.
 */
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../renderer/i18n/catalogues';

const HAN = '\\u4e00-\\u9fff';
/** Half-width , ; ! ? ( ) touching a Chinese character. A colon is left out: times (9:00) and examples. */
const HALF_BY_HAN = new RegExp(`[${HAN}][,;!?()]|[,;!?()][${HAN}]`);
/** Curly quotes are English typography too; these are not. */
const FULL_WIDTH = /[，。：；？！（）]/;
const HAS_HAN = new RegExp(`[${HAN}]`);

describe('CJK punctuation in the message catalogues (ux.md)', () => {
  for (const c of catalogues) {
    // Named by its keys' prefix: app, kiosk, console, calls, passes, cards, sync.
    const name = Object.keys(c['zh-CN'])[0]?.split('.')[0] ?? '?';
    it(`${name}: zh-CN strings use full-width punctuation next to Chinese text`, () => {
      const bad = Object.entries(c['zh-CN'] as Record<string, string>).filter(([, v]) => HALF_BY_HAN.test(v));
      expect(bad).toEqual([]);
    });
    it(`${name}: en strings carry no Chinese punctuation`, () => {
      const bad = Object.entries(c.en as Record<string, string>).filter(([, v]) => FULL_WIDTH.test(v) && !HAS_HAN.test(v));
      expect(bad).toEqual([]);
    });
  }
});
