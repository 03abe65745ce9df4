import { CardDeviceError } from './errors';

export const CARD_ENCODER_KINDS = ['msr605x', 'em4100Writer'] as const;
export type CardEncoderKind = (typeof CARD_ENCODER_KINDS)[number];

export interface EncodeResult<T> {
  readonly written: T;
}

/** Only ever constructed after a read-back matched: there is no `ok: false`. */
export interface VerifyResult<T> {
  readonly ok: true;
  readonly read: T;
}

/**
 * One card encoder, whatever its medium. Every method either resolves with a
 * result or rejects with a `CardDeviceError`; in particular `verify` rejects
 * with `verifyMismatch` rather than returning a negative result, so a caller
 * cannot mark a card made without an actual match.
 */
export interface CardEncoder<T> {
  readonly kind: CardEncoderKind;
  /** Writes `data` to the presented card. */
  encode(data: T): Promise<EncodeResult<T>>;
  /** Reads the presented card. */
  read(): Promise<T>;
  /** Reads the card back and compares it with `expected`. */
  verify(expected: T): Promise<VerifyResult<T>>;
  close(): Promise<void>;
}

/**
 * Encode then verify, the only path by which a card counts as made (issue 6,
 * "a failed verify never counts as made").
 */
export async function encodeAndVerify<T>(encoder: CardEncoder<T>, data: T): Promise<VerifyResult<T>> {
  await encoder.encode(data);
  const result = await encoder.verify(data);
  if (result.ok !== true) throw new CardDeviceError('verifyMismatch', 'verify returned without a match');
  return result;
}
