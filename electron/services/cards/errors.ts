/** What can go wrong outside the encoder: the mail and the access system. */
export const CARD_SERVICE_ERROR_CODES = [
  'noRecipients',
  'mailFailed',
  'noWebhook',
  'notEmulator',
  'noCardPrinter',
] as const;
export type CardServiceErrorCode = (typeof CARD_SERVICE_ERROR_CODES)[number];

const MESSAGES = {
  noRecipients:
    'No systems-department recipients are set for the cancellation mail: add them in the card settings.',
  mailFailed:
    'The cancellation mail could not be sent; check the mail server in the card settings and try again.',
  noWebhook:
    'No access-system address is set: export the import file instead, or set the address in the card settings.',
  notEmulator: 'Faults can be simulated only on the emulated encoder.',
  noCardPrinter:
    'No card printer is set: enter its ipp:// address under card printer in the card settings.',
} as const satisfies Record<CardServiceErrorCode, string>;

/** A typed error whose message the desk can act on; the `cards.error.<code>` key translates it. */
export class CardServiceError extends Error {
  constructor(
    readonly code: CardServiceErrorCode,
    readonly detail = '',
  ) {
    super(`${code}: ${MESSAGES[code]}${detail ? ` (${detail})` : ''}`);
    this.name = 'CardServiceError';
  }
}
