import { defineMessages } from '../define';

/** Strings of the passes feature, zh-CN and en. */
export const passesMessages = defineMessages({}, {});
