/** The switchboard's calls (issue: PBX call logging). Filled in by that feature. */
export const CALL_METHODS = {} as const;
export const CALL_EVENTS = {} as const;
