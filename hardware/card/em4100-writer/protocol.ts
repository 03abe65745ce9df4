import { em4100FromBytes, em4100ToBytes, type Em4100Id } from '../../../shared/card-data';

/**
 * The `ffff:0035` "USB Reader" 125 kHz writer (hardware.md 1.3a, pyrfidhid).
 * Requests are 256-byte FEATURE reports with id 1; answers are read back as
 * FEATURE report 2. Request layout: `[0]=1 (report id), [6]=0x08 (0x1f for a
 * write), [8]=0xAA SOM, [10]=len, [11..]=payload, XOR(len, payload…), 0xBB EOM`.
 */
export const EM4100_WRITER_HID = { vendorId: 0xffff, productId: 0x0035 } as const;

export const REQUEST_REPORT_ID = 0x01;
export const RESPONSE_REPORT_ID = 0x02;
export const REPORT_SIZE = 256;

export const EM_COMMANDS = { readTag: 0x25, writeTag: 0x21, beep: 0x89 } as const;
export const TAG_TYPES = { t5577: 0x00, em4305: 0x02 } as const;
export type TagType = keyof typeof TAG_TYPES;

const SOM = 0xaa;
const EOM = 0xbb;
const SOM_AT = 8;

export function xorChecksum(bytes: ArrayLike<number>): number {
  let x = 0;
  for (let i = 0; i < bytes.length; i++) x ^= bytes[i] ?? 0;
  return x;
}

/** Wraps a command payload into the 256-byte request report. */
export function buildRequest(payload: readonly number[], kind: 'write' | 'other' = 'other'): Uint8Array {
  const buf = new Uint8Array(REPORT_SIZE);
  buf[0] = REQUEST_REPORT_ID;
  buf[6] = kind === 'write' ? 0x1f : 0x08;
  buf[SOM_AT] = SOM;
  buf[SOM_AT + 2] = payload.length;
  buf.set(payload, SOM_AT + 3);
  buf[SOM_AT + 3 + payload.length] = xorChecksum([payload.length, ...payload]);
  buf[SOM_AT + 4 + payload.length] = EOM;
  return buf;
}

export const readTagPayload = (): number[] => [EM_COMMANDS.readTag, 0x00, 0x00];

/** 26 bytes: `[0]=0x21, [2]=1, [3]=1, [4]=tag type, [5]=customer, [6..9]=id big-endian, [10]=0x80`. */
export function writeTagPayload(id: Em4100Id, tag: TagType): number[] {
  const p = new Array<number>(26).fill(0);
  p[0] = EM_COMMANDS.writeTag;
  p[2] = 0x01;
  p[3] = 0x01;
  p[4] = TAG_TYPES[tag];
  em4100ToBytes(id).forEach((b, i) => (p[5 + i] = b));
  p[10] = 0x80;
  return p;
}

/**
 * After a write a T5577 cannot be read until it has left the field; the IDRW
 * tool sends this "beep" (`0x05` for T5577, `0x04` otherwise) instead.
 */
export const fieldResetPayload = (tag: TagType): number[] => [EM_COMMANDS.beep, tag === 't5577' ? 0x05 : 0x04, 0x01];

export type ReadAnswer = { readonly kind: 'tag'; readonly id: Em4100Id } | { readonly kind: 'noTag' } | { readonly kind: 'corrupt' };

/**
 * Report 2 after a read: with a tag it is 19 bytes, `[8]=0x02 [10]=6 [11]=0
 * [12]=customer [13..16]=id [17]=XOR(bytes 10..16) [18]=0x03` (pyrfidhid
 * fixture, checksum worked out in hardware.md). Like pyrfidhid, anything not of
 * that shape means no tag; that shape with a wrong checksum is a corrupt answer.
 */
export function parseReadAnswer(buf: Uint8Array): ReadAnswer {
  if (buf.length < 19 || buf[10] !== 6 || buf[11] !== 0 || buf[18] !== 0x03) return { kind: 'noTag' };
  if (xorChecksum(buf.subarray(10, 17)) !== buf[17]) return { kind: 'corrupt' };
  return { kind: 'tag', id: em4100FromBytes(buf.subarray(12, 17)) };
}
