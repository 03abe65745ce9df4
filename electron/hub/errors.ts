import type { SyncErrorCode } from '../../shared/sync/protocol';

const STATUS: Record<SyncErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  hubUpdateRequired: 409,
  tooLarge: 413,
  clientUpdateRequired: 426,
  pairingInvalid: 400,
  loginFailed: 401,
  unavailable: 503,
  internal: 500,
};

/** A refusal the client can act on: a code (and HTTP status), never a bare message. */
export class HubError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly extra: { hubSchemaVersion?: number } = {},
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}
