/**
 * Why a piece of card data was refused. The codes are stable so that the UI and
 * the device layer can translate or re-map them; the message is English for logs.
 */
export const CARD_DATA_ERROR_CODES = [
  'invalidCharacter',
  'tooLong',
  'outOfRange',
  'parity',
  'lrc',
  'noStartSentinel',
  'noEndSentinel',
  'badFrame',
] as const;
export type CardDataErrorCode = (typeof CARD_DATA_ERROR_CODES)[number];

export class CardDataError extends Error {
  constructor(
    readonly code: CardDataErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CardDataError';
  }
}
