import { defineMessages } from '../define';

/** Strings of the cards feature, zh-CN and en. */
export const cardsMessages = defineMessages({}, {});
