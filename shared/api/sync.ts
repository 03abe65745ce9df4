/** Sync with the hub: where it is, enrolment (issue: offline-first sync). Filled in by that feature. */
export const SYNC_METHODS = {} as const;
export const SYNC_EVENTS = {} as const;
