import { defineMessages } from '../define';

/** Strings of the calls feature, zh-CN and en. */
export const callsMessages = defineMessages({}, {});
