/**
 * ux.md (CJK typography): zh strings use full-width Chinese punctuation
 * （，。：；？！“”）, en strings half-width; never both in one string.
 */
import { describe, expect, it } from 'vitest';
import { callsMessages } from '../../../renderer/i18n/messages/calls';
import { cardsMessages } from '../../../renderer/i18n/messages/cards';
import { common } from '../../../renderer/i18n/messages/common';
import { consoleMessages } from '../../../renderer/i18n/messages/console';
import { kiosk } from '../../../renderer/i18n/messages/kiosk';
import { passesMessages } from '../../../renderer/i18n/messages/passes';
import { syncMessages } from '../../../renderer/i18n/messages/sync';

const catalogues = { common, kiosk, consoleMessages, callsMessages, cardsMessages, passesMessages, syncMessages };
const HAN = '\\u4e00-\\u9fff';
/** Half-width , ; ! ? ( ) touching a Chinese character. A colon is left out: times (9:00) and examples. */
const HALF_BY_HAN = new RegExp(`[${HAN}][,;!?()]|[,;!?()][${HAN}]`);
/** Curly quotes are English typography too; these are not. */
const FULL_WIDTH = /[，。：；？！（）]/;

describe('CJK punctuation in the message catalogues (ux.md)', () => {
  for (const [name, c] of Object.entries(catalogues)) {
    it(`${name}: zh-CN strings use full-width punctuation next to Chinese text`, () => {
      const bad = Object.entries(c['zh-CN'] as Record<string, string>).filter(([, v]) => HALF_BY_HAN.test(v));
      expect(bad).toEqual([]);
    });
    it(`${name}: en strings carry no Chinese punctuation`, () => {
      const bad = Object.entries(c.en as Record<string, string>).filter(([, v]) => FULL_WIDTH.test(v) && !new RegExp(`[${HAN}]`).test(v));
      expect(bad).toEqual([]);
    });
  }
});
