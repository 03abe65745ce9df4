import { common } from './messages/common';
import { kiosk } from './messages/kiosk';
import { consoleMessages } from './messages/console';
import { callsMessages } from './messages/calls';
import { cardsMessages } from './messages/cards';
import { passesMessages } from './messages/passes';
import { syncMessages } from './messages/sync';

/** Every message catalogue, zh-CN and en; free of the DOM so checks under Node can read them all. */
export const catalogues = [common, kiosk, consoleMessages, callsMessages, passesMessages, cardsMessages, syncMessages] as const;
