import { CardDataError } from './errors';
import { bitAt, oddParityBit } from './parity';

/**
 * ISO/IEC 7811 magnetic tracks (hardware.md 1.6). Track 1 is 6 data bits per
 * character (ASCII − 0x20), tracks 2 and 3 are 4 data bits (ASCII − 0x30); each
 * character carries an odd parity bit above its data bits, and bits go on the
 * stripe least significant first. The LRC's data bits make every data-bit
 * column even over SS…ES+LRC; its own parity bit is odd like every character.
 */
export type TrackNumber = 1 | 2 | 3;

export interface TrackFormat {
  readonly track: TrackNumber;
  readonly dataBits: 4 | 6;
  readonly asciiOffset: 0x20 | 0x30;
  readonly startSentinel: '%' | ';';
  readonly endSentinel: '?';
  /** Data characters only (no sentinels, no LRC): 76 / 37 / 104. */
  readonly maxDataChars: number;
  /**
   * Characters an access card may carry on this track: the set the MSR605X
   * accepts in ISO mode (hardware.md 1.1, Magnetic-Fox README), which leaves out
   * the sentinels and the "hardware control" characters ID TECH warns about.
   */
  readonly dataAlphabet: RegExp;
}

export const TRACK_FORMATS: Readonly<Record<TrackNumber, TrackFormat>> = {
  1: {
    track: 1,
    dataBits: 6,
    asciiOffset: 0x20,
    startSentinel: '%',
    endSentinel: '?',
    maxDataChars: 76,
    dataAlphabet: /^[ #$()\-./0-9A-Z[\\\]^]*$/,
  },
  2: { track: 2, dataBits: 4, asciiOffset: 0x30, startSentinel: ';', endSentinel: '?', maxDataChars: 37, dataAlphabet: /^[0-9=]*$/ },
  3: { track: 3, dataBits: 4, asciiOffset: 0x30, startSentinel: ';', endSentinel: '?', maxDataChars: 104, dataAlphabet: /^[0-9=]*$/ },
};

/** Refuses data the track cannot carry; returns it unchanged otherwise. */
export function assertTrackData(track: TrackNumber, data: string): string {
  const f = TRACK_FORMATS[track];
  if (data.length > f.maxDataChars) {
    throw new CardDataError('tooLong', `Track ${track} holds at most ${f.maxDataChars} characters, got ${data.length}`);
  }
  if (!f.dataAlphabet.test(data)) {
    const bad = [...data].find((c) => !f.dataAlphabet.test(c)) ?? '';
    throw new CardDataError('invalidCharacter', `Track ${track} cannot carry the character ${JSON.stringify(bad)}`);
  }
  return data;
}

/** The data-bit value of one character (any character of the track's code table, sentinels included). */
export function charValue(track: TrackNumber, ch: string): number {
  const f = TRACK_FORMATS[track];
  const v = ch.charCodeAt(0) - f.asciiOffset;
  if (ch.length !== 1 || v < 0 || v >= 1 << f.dataBits) {
    throw new CardDataError('invalidCharacter', `${JSON.stringify(ch)} is not in track ${track}'s code table`);
  }
  return v;
}

/** A character's value with its odd parity bit in the bit above the data bits. */
export function withParity(track: TrackNumber, value: number): number {
  const bits = TRACK_FORMATS[track].dataBits;
  return value | (oddParityBit(value) << bits);
}

/** LRC data bits for SS…ES: the XOR of their data bits (every column then sums even). */
export function lrcValue(track: TrackNumber, framed: string): number {
  let x = 0;
  for (const ch of framed) x ^= charValue(track, ch);
  return x;
}

export interface EncodedTrack {
  readonly track: TrackNumber;
  /** SS + data + ES, as printable characters. */
  readonly framed: string;
  /** LRC data bits (without parity). */
  readonly lrc: number;
  /** Each character of SS…ES then the LRC, with its parity bit (5 or 7 bits). */
  readonly codes: readonly number[];
  /** The whole track as it goes on the stripe, LSB first per character, no leading zeros. */
  readonly bits: readonly (0 | 1)[];
}

/** Encodes track data (without sentinels) to characters, LRC and the raw bit stream. */
export function encodeTrack(track: TrackNumber, data: string): EncodedTrack {
  const f = TRACK_FORMATS[track];
  assertTrackData(track, data);
  const framed = `${f.startSentinel}${data}${f.endSentinel}`;
  const lrc = lrcValue(track, framed);
  const codes = [...[...framed].map((c) => withParity(track, charValue(track, c))), withParity(track, lrc)];
  const width = f.dataBits + 1;
  const bits: (0 | 1)[] = [];
  for (const code of codes) for (let i = 0; i < width; i++) bits.push(bitAt(code, i));
  return { track, framed, lrc, codes, bits };
}

/**
 * Decodes a raw bit stream read off a track (leading zeros allowed), checking
 * every parity bit and the LRC. Returns the data without sentinels.
 */
export function decodeTrackBits(track: TrackNumber, bits: readonly number[]): string {
  const f = TRACK_FORMATS[track];
  const width = f.dataBits + 1;
  const ss = withParity(track, charValue(track, f.startSentinel));
  const codeAt = (at: number): number => {
    let code = 0;
    for (let i = 0; i < width; i++) code |= (bits[at + i] ?? 0) << i;
    return code;
  };
  let at = 0;
  while (at + width <= bits.length && codeAt(at) !== ss) at++;
  if (at + width > bits.length) throw new CardDataError('noStartSentinel', `No start sentinel on track ${track}`);
  const mask = (1 << f.dataBits) - 1;
  const es = charValue(track, f.endSentinel);
  let text = '';
  let xor = 0;
  for (; at + width <= bits.length; at += width) {
    const code = codeAt(at);
    const value = code & mask;
    if (withParity(track, value) !== code) throw new CardDataError('parity', `Parity error on track ${track} at character ${text.length}`);
    xor ^= value;
    text += String.fromCharCode(value + f.asciiOffset);
    if (value === es) {
      const lrc = codeAt(at + width);
      if (at + 2 * width > bits.length || withParity(track, lrc & mask) !== lrc || (lrc & mask) !== xor) {
        throw new CardDataError('lrc', `LRC check failed on track ${track}`);
      }
      return text.slice(1, -1);
    }
  }
  throw new CardDataError('noEndSentinel', `No end sentinel on track ${track}`);
}
