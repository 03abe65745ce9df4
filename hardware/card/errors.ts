/**
 * What can go wrong at the encoder, as codes the UI translates. Each English
 * message tells the desk what to do next; `detail` carries the technical cause
 * (status byte, which track) for logs only.
 */
export const CARD_DEVICE_ERROR_CODES = [
  'noCard',
  'writeError',
  'readError',
  'cardPulled',
  'unplugged',
  'timeout',
  'verifyMismatch',
  'deviceError',
  'notFound',
  'invalidData',
] as const;
export type CardDeviceErrorCode = (typeof CARD_DEVICE_ERROR_CODES)[number];

export const CARD_DEVICE_MESSAGES = {
  noCard: 'No card was presented in time. Present the card (swipe it, or hold it on the writer) and try again.',
  writeError: 'The card could not be written. Check that it is a writable card of the right type, the right way round, and try again; if it fails twice, use a new card.',
  readError: 'The card could not be read. It may be blank or damaged: present it again, and if it keeps failing, use a new card.',
  cardPulled: 'The card was moved or taken away while it was being written. Present it again and keep it still (or swipe in one steady movement) until the device confirms.',
  unplugged: 'The card device was disconnected. Plug it back in; the desk reconnects by itself, then try again.',
  timeout: 'The card device did not answer. Unplug it and plug it back in, then try again.',
  verifyMismatch: 'The card reads back differently from what was written, so it is not valid. Encode it again, or use a new card.',
  deviceError: 'The card device refused the command. Unplug it and plug it back in; if it happens again, report it to IT.',
  notFound: 'No card device of this kind is connected. Plug it in and check the cable.',
  invalidData: 'The card data cannot be stored on this card. Check the card number and fields.',
} as const satisfies Record<CardDeviceErrorCode, string>;

export class CardDeviceError extends Error {
  constructor(
    readonly code: CardDeviceErrorCode,
    readonly detail?: string,
  ) {
    super(CARD_DEVICE_MESSAGES[code]);
    this.name = 'CardDeviceError';
  }
}

export function isCardDeviceError(err: unknown, code?: CardDeviceErrorCode): err is CardDeviceError {
  return err instanceof CardDeviceError && (code === undefined || err.code === code);
}
