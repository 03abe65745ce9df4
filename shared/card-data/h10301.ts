import { CardDataError } from './errors';
import { evenParityBit, oddParityBit } from './parity';

/**
 * HID H10301 26-bit Wiegand (hardware.md 1.6): `P FFFFFFFF BBBBBBBBBBBBBBBB P`,
 * bit 0 = even parity over bits 1–12, bit 25 = odd parity over bits 13–24
 * (bits numbered in transmission order). Used for the number printed on a card.
 */
export interface H10301 {
  readonly facility: number;
  readonly card: number;
}

export function assertH10301(v: H10301): H10301 {
  if (!Number.isInteger(v.facility) || v.facility < 0 || v.facility > 255) {
    throw new CardDataError('outOfRange', `Facility code must be 0–255, got ${v.facility}`);
  }
  if (!Number.isInteger(v.card) || v.card < 0 || v.card > 65535) {
    throw new CardDataError('outOfRange', `Card number must be 0–65535, got ${v.card}`);
  }
  return v;
}

/** The 26-bit value, first-transmitted bit as the most significant. */
export function encodeH10301(v: H10301): number {
  assertH10301(v);
  const data = (v.facility << 16) | v.card; // 24 bits
  const high12 = data >>> 12;
  const low12 = data & 0xfff;
  return (evenParityBit(high12) << 25) | (data << 1) | oddParityBit(low12);
}

/** The 26 bits as a `0`/`1` string in transmission order. */
export function h10301ToBits(v: H10301): string {
  return encodeH10301(v).toString(2).padStart(26, '0');
}

/** Decodes a 26-bit value or bit string, refusing a parity error. */
export function decodeH10301(input: number | string): H10301 {
  let value: number;
  if (typeof input === 'string') {
    if (!/^[01]{26}$/.test(input)) throw new CardDataError('badFrame', 'An H10301 frame is 26 bits of 0/1');
    value = parseInt(input, 2);
  } else {
    if (!Number.isInteger(input) || input < 0 || input >= 1 << 26) throw new CardDataError('outOfRange', 'An H10301 value has 26 bits');
    value = input;
  }
  const data = (value >>> 1) & 0xff_ffff;
  if (evenParityBit(data >>> 12) !== value >>> 25) throw new CardDataError('parity', 'H10301 leading (even) parity error');
  if (oddParityBit(data & 0xfff) !== (value & 1)) throw new CardDataError('parity', 'H10301 trailing (odd) parity error');
  return { facility: data >>> 16, card: data & 0xffff };
}

/**
 * The W26 reading of an EM4100 id, as readers that emulate Wiegand-26 print it:
 * the low 24 bits as FC (8) + CN (16), only when the top id byte is 0
 * (pyrfidhid `get_tag_w26`, hardware.md 1.3). The customer byte is not part of it.
 */
export function h10301FromEm4100Id(id: number): H10301 | undefined {
  if (!Number.isInteger(id) || id < 0 || id > 0xffff_ffff || id >>> 24 !== 0) return undefined;
  return { facility: (id >>> 16) & 0xff, card: id & 0xffff };
}
