import { CardDataError } from './errors';
import { bitAt, evenParityBit } from './parity';

/**
 * An EM4100 tag's 40 bits: an 8-bit version/customer byte and 32 data bits
 * (hardware.md 1.3 "EM4100 data"). The 32-bit part is what cards usually have
 * printed on them; both parts are kept so a read-back compares all 40 bits.
 */
export interface Em4100Id {
  readonly customer: number;
  readonly id: number;
}

export function assertEm4100Id(v: Em4100Id): Em4100Id {
  if (!Number.isInteger(v.customer) || v.customer < 0 || v.customer > 0xff) {
    throw new CardDataError('outOfRange', `EM4100 customer byte must be 0–255, got ${v.customer}`);
  }
  if (!Number.isInteger(v.id) || v.id < 0 || v.id > 0xffff_ffff) {
    throw new CardDataError('outOfRange', `EM4100 id must be 0–4294967295, got ${v.id}`);
  }
  return v;
}

/** The 5 bytes as the writer and most software show them: customer, then id big-endian. */
export function em4100ToBytes(v: Em4100Id): Uint8Array {
  assertEm4100Id(v);
  return Uint8Array.of(v.customer, (v.id >>> 24) & 0xff, (v.id >>> 16) & 0xff, (v.id >>> 8) & 0xff, v.id & 0xff);
}

export function em4100FromBytes(b: ArrayLike<number>): Em4100Id {
  if (b.length !== 5) throw new CardDataError('badFrame', `EM4100 ids are 5 bytes, got ${b.length}`);
  const at = (i: number): number => b[i] ?? 0;
  return { customer: at(0), id: ((at(1) << 24) | (at(2) << 16) | (at(3) << 8) | at(4)) >>> 0 };
}

/** 10 hex digits, upper case, e.g. `4D499602D2`. */
export function em4100ToHex(v: Em4100Id): string {
  return [...em4100ToBytes(v)].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

export function em4100FromHex(hex: string): Em4100Id {
  if (!/^[0-9a-fA-F]{10}$/.test(hex)) throw new CardDataError('invalidCharacter', `An EM4100 id is 10 hex digits, got ${JSON.stringify(hex)}`);
  return em4100FromBytes(Array.from({ length: 5 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16)));
}

const nibblesOf = (v: Em4100Id): number[] => [...em4100ToBytes(v)].flatMap((b) => [b >> 4, b & 0xf]);

/**
 * The 64-bit frame a tag repeats: 9 header ones, 10 rows of 4 data bits (MSB
 * first) each followed by its even parity bit, 4 even column-parity bits, stop 0.
 * The header cannot occur elsewhere because every row ends in parity, so nine
 * ones in a row only happen at the header.
 */
export function encodeEm4100Frame(v: Em4100Id): (0 | 1)[] {
  const bits: (0 | 1)[] = Array.from({ length: 9 }, () => 1 as const);
  const nibbles = nibblesOf(v);
  for (const n of nibbles) {
    for (let i = 3; i >= 0; i--) bits.push(bitAt(n, i));
    bits.push(evenParityBit(n));
  }
  for (let col = 3; col >= 0; col--) {
    let column = 0;
    for (const n of nibbles) column ^= (n >> col) & 1;
    bits.push(bitAt(column, 0));
  }
  bits.push(0);
  return bits;
}

/** Checks header, every row and column parity and the stop bit of one 64-bit frame. */
export function decodeEm4100Frame(bits: readonly number[]): Em4100Id {
  if (bits.length !== 64) throw new CardDataError('badFrame', `An EM4100 frame is 64 bits, got ${bits.length}`);
  if (bits.slice(0, 9).some((b) => b !== 1)) throw new CardDataError('badFrame', 'EM4100 header is not nine ones');
  if (bits[63] !== 0) throw new CardDataError('badFrame', 'EM4100 stop bit is not 0');
  const nibbles: number[] = [];
  for (let row = 0; row < 10; row++) {
    const at = 9 + row * 5;
    let n = 0;
    for (let i = 0; i < 4; i++) n = (n << 1) | (bits[at + i] ?? 0);
    if (evenParityBit(n) !== bits[at + 4]) throw new CardDataError('parity', `EM4100 row ${row} parity error`);
    nibbles.push(n);
  }
  for (let c = 0; c < 4; c++) {
    let column = 0;
    for (const n of nibbles) column ^= (n >> (3 - c)) & 1;
    if (column !== bits[59 + c]) throw new CardDataError('parity', `EM4100 column ${c} parity error`);
  }
  const bytes = Array.from({ length: 5 }, (_, i) => ((nibbles[2 * i] ?? 0) << 4) | (nibbles[2 * i + 1] ?? 0));
  return em4100FromBytes(bytes);
}
