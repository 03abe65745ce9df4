/** IDC identity cards: encoder, upload, revocation (issue: cards). Filled in by that feature. */
export const CARD_METHODS = {} as const;
export const CARD_EVENTS = {} as const;
