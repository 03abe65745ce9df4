/** Codes the console can translate; one per way the PBX link can fail. */
export const SMDR_ERROR_CODES = [
  'smdr.usage',
  'smdr.unknownFormat',
  'smdr.unknownCharset',
  'smdr.journalIo',
  'smdr.input',
  'smdr.serial',
  'smdr.tcp',
] as const;
export type SmdrErrorCode = (typeof SMDR_ERROR_CODES)[number];

/** A typed error of the PBX link; `code` is what callers branch on, the message is for logs. */
export class SmdrError extends Error {
  constructor(
    readonly code: SmdrErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SmdrError';
  }
}
