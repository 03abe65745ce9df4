/** Badge printing and the print queue (issue: badges and passes). Filled in by that feature. */
export const PRINTING_METHODS = {} as const;
export const PRINTING_EVENTS = {} as const;
