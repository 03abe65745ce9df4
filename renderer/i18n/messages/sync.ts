import { defineMessages } from '../define';

/** Strings of the sync feature, zh-CN and en. */
export const syncMessages = defineMessages({}, {});
