import { CardDataError } from './errors';
import { TRACK_FORMATS, assertTrackData, type TrackNumber } from './iso7811';

/**
 * The MSR605/MSR206 "ISO format" data blocks (programmer's manual section 7,
 * hardware.md 1.1). On write the host sends bare data — the device adds the
 * sentinels and LRC itself; on read the device returns each track with its
 * sentinels, which are stripped here.
 */
export const ESC = 0x1b;
export const FS = 0x1c;
const QUESTION = 0x3f;
const LETTER_S = 0x73;

/** What the desk writes: absent or empty tracks are left out of the block. */
export interface TrackSet {
  readonly track1?: string;
  readonly track2?: string;
  readonly track3?: string;
}

export type TrackRead =
  | { readonly kind: 'data'; readonly data: string }
  | { readonly kind: 'empty' }
  /** The reader flagged this track as unreadable (`ESC *`). */
  | { readonly kind: 'error' };

export interface IsoReadBlock {
  readonly tracks: Readonly<Record<TrackNumber, TrackRead>>;
  /** The status byte after the final `ESC` (0x30 = ok). */
  readonly status: number;
}

const TRACKS = [1, 2, 3] as const satisfies readonly TrackNumber[];
const keyOf = (t: TrackNumber): keyof TrackSet => (t === 1 ? 'track1' : t === 2 ? 'track2' : 'track3');

export function trackOf(set: TrackSet, t: TrackNumber): string | undefined {
  return set[keyOf(t)];
}

/**
 * `ESC s ESC 1 d1 ESC 2 d2 ESC 3 d3 ? FS` — the `[Data Block]` that follows `ESC w`.
 * Data is validated first so that nothing the device would refuse is sent.
 */
export function buildIsoWriteBlock(set: TrackSet): Uint8Array {
  const out: number[] = [ESC, LETTER_S];
  for (const t of TRACKS) {
    const data = trackOf(set, t);
    if (data === undefined || data === '') continue;
    assertTrackData(t, data);
    out.push(ESC, t, ...[...data].map((c) => c.charCodeAt(0)));
  }
  out.push(QUESTION, FS);
  return Uint8Array.from(out);
}

/**
 * Parses `ESC s [ESC 1 …][ESC 2 …][ESC 3 …] ? FS ESC status`. Track markers and
 * the per-track `ESC +` (no data) / `ESC *` (bad data) seen on real MSR605X
 * units are the only escapes inside; card data is printable ASCII.
 */
export function parseIsoReadBlock(bytes: Uint8Array): IsoReadBlock {
  const n = bytes.length;
  if (n < 6 || bytes[0] !== ESC || bytes[1] !== LETTER_S || bytes[n - 4] !== QUESTION || bytes[n - 3] !== FS || bytes[n - 2] !== ESC) {
    throw new CardDataError('badFrame', 'Not an ISO read block (ESC s … ? FS ESC status)');
  }
  const status = bytes[n - 1] ?? 0;
  const raw: Record<TrackNumber, number[] | 'empty' | 'error'> = { 1: 'empty', 2: 'empty', 3: 'empty' };
  let current: TrackNumber | undefined;
  for (let i = 2; i < n - 4; i++) {
    const b = bytes[i] ?? 0;
    if (b === ESC) {
      const next = bytes[++i];
      if (next === 1 || next === 2 || next === 3) {
        current = next;
        raw[current] = [];
      } else if (current !== undefined && (next === 0x2b || next === 0x2a)) {
        raw[current] = next === 0x2b ? 'empty' : 'error';
      } else {
        throw new CardDataError('badFrame', `Unexpected escape 0x${(next ?? 0).toString(16)} in a read block`);
      }
      continue;
    }
    const slot = current === undefined ? undefined : raw[current];
    if (!Array.isArray(slot)) throw new CardDataError('badFrame', 'Card data outside a track');
    slot.push(b);
  }
  const toRead = (t: TrackNumber): TrackRead => {
    const r = raw[t];
    return r === 'empty' || r === 'error' ? { kind: r } : stripSentinels(t, String.fromCharCode(...r));
  };
  return { tracks: { 1: toRead(1), 2: toRead(2), 3: toRead(3) }, status };
}

function stripSentinels(t: TrackNumber, text: string): TrackRead {
  if (text === '') return { kind: 'empty' };
  const f = TRACK_FORMATS[t];
  if (!text.startsWith(f.startSentinel)) throw new CardDataError('noStartSentinel', `Track ${t} read without its start sentinel`);
  // The last track's end sentinel may be the block's own `?` (manual's example
  // `1B 73 1B 01 1B 02 [string] 3F 1C`), so a missing one is tolerated.
  const end = text.endsWith(f.endSentinel) ? -1 : undefined;
  return { kind: 'data', data: text.slice(1, end) };
}
