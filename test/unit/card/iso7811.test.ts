import { describe, expect, it } from 'vitest';
import {
  CardDataError,
  buildIsoWriteBlock,
  charValue,
  decodeTrackBits,
  encodeTrack,
  parseIsoReadBlock,
  withParity,
} from '../../../shared/card-data';

const hex = (s: string): number[] => s.split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16));

describe('ISO 7811 character tables', () => {
  // Track 2/3 5-bit BCD table, b1…b4 then parity, LSB first:
  // https://www.dataip.co.uk/technical-information/ansiiso-magnetic-cardsbcd-data-format/
  const bcd: [string, string][] = [
    ['0', '00001'], ['1', '10000'], ['2', '01000'], ['3', '11001'],
    ['4', '00100'], ['5', '10101'], ['6', '01101'], ['7', '11100'],
    ['8', '00010'], ['9', '10011'], [':', '01011'], [';', '11010'],
    ['<', '00111'], ['=', '10110'], ['>', '01110'], ['?', '11111'],
  ];
  it.each(bcd)('track 2 %s is %s (b1 first, odd parity)', (ch, bits) => {
    const code = withParity(2, charValue(2, ch));
    const lsbFirst = Array.from({ length: 5 }, (_, i) => (code >> i) & 1).join('');
    expect(lsbFirst).toBe(bits);
  });

  // Track 1 ALPHA values: "space (0H)", "% (5H)", "0 (10H)", "? (1FH)", "A (21H)":
  // https://www.dataip.co.uk/technical-information/ansiiso-magnetic-cardsalpha-data-format/
  it.each([[' ', 0x00], ['%', 0x05], ['0', 0x10], ['?', 0x1f], ['A', 0x21]] as const)('track 1 %j = %i', (ch, v) => {
    expect(charValue(1, ch)).toBe(v);
  });

  it('refuses a character outside the code table', () => {
    expect(() => charValue(2, 'A')).toThrow(CardDataError);
  });
});

describe('LRC and bit streams', () => {
  // hardware.md 1.6 "Computed test vectors", from the dataip LRC definition.
  it(';12345? has LRC 5 with parity bit 1', () => {
    const t = encodeTrack(2, '12345');
    expect(t.framed).toBe(';12345?');
    expect(t.lrc).toBe(0x5);
    expect(t.codes.at(-1)).toBe(0x5 | 0x10);
  });

  it('%ABC123? has LRC 0x2A (J) with parity bit 0', () => {
    const t = encodeTrack(1, 'ABC123');
    expect(t.lrc).toBe(0x2a);
    expect(String.fromCharCode(t.lrc + 0x20)).toBe('J');
    expect(t.codes.at(-1)).toBe(0x2a);
  });

  it('every data-bit column is even over SS…LRC', () => {
    const t = encodeTrack(1, 'B4111111111111111^DOE/JOHN^2912');
    for (let bit = 0; bit < 6; bit++) {
      expect(t.codes.reduce((n, c) => n + ((c >> bit) & 1), 0) % 2).toBe(0);
    }
  });

  it.each([[1, 'ACCESS 0042'], [2, '6200123456789=2912'], [3, '0123456789=']] as const)(
    'track %i round-trips through the raw bit stream with leading zeros',
    (track, data) => {
      const bits = [...Array<number>(20).fill(0), ...encodeTrack(track, data).bits, 0, 0];
      expect(decodeTrackBits(track, bits)).toBe(data);
    },
  );

  it('a flipped bit is caught by parity, a wrong LRC by the LRC check', () => {
    const bits = [...encodeTrack(2, '12345').bits];
    const flipped = bits.map((b, i) => (i === 7 ? 1 - b : b));
    expect(() => decodeTrackBits(2, flipped)).toThrow(expect.objectContaining({ code: 'parity' }));
    const badLrc = bits.slice(0, -5).concat(encodeTrack(2, '12346').bits.slice(-5));
    expect(() => decodeTrackBits(2, badLrc)).toThrow(expect.objectContaining({ code: 'lrc' }));
  });

  it('refuses data a track cannot carry', () => {
    expect(() => encodeTrack(2, '12A')).toThrow(expect.objectContaining({ code: 'invalidCharacter' }));
    expect(() => encodeTrack(2, '1'.repeat(38))).toThrow(expect.objectContaining({ code: 'tooLong' }));
    expect(() => encodeTrack(1, 'a')).toThrow(expect.objectContaining({ code: 'invalidCharacter' }));
  });
});

describe('MSR605X ISO blocks', () => {
  // Programmer's manual section 9 write example (hardware.md 1.1):
  // <esc>w<ESC>s<ESC>[01]ABC123<ESC>[02]12345<ESC>[03]12345?<FS>
  it('builds the manual section 9 write block', () => {
    const block = buildIsoWriteBlock({ track1: 'ABC123', track2: '12345', track3: '12345' });
    expect([0x1b, 0x77, ...block]).toEqual(
      hex('1B 77 1B 73 1B 01 41 42 43 31 32 33 1B 02 31 32 33 34 35 1B 03 31 32 33 34 35 3F 1C'),
    );
  });

  // Manual section 8: [1B][77][1B][73][1B][01][30][31][1B][02][32][33][1B][03][34][35][3F][1C]
  it('builds the manual section 8 write block', () => {
    expect([...buildIsoWriteBlock({ track1: '01', track2: '23', track3: '45' })]).toEqual(
      hex('1B 73 1B 01 30 31 1B 02 32 33 1B 03 34 35 3F 1C'),
    );
  });

  // Manual section 7 note: track 2 only reads as `1B 73 1B 01 1B 02 [string] 3F 1C`.
  it('parses a track-2-only read with sentinels stripped', () => {
    const bytes = Uint8Array.from([...hex('1B 73 1B 01 1B 02'), ...Buffer.from(';12345?'), ...hex('3F 1C 1B 30')]);
    const r = parseIsoReadBlock(bytes);
    expect(r.status).toBe(0x30);
    expect(r.tracks[1]).toEqual({ kind: 'empty' });
    expect(r.tracks[2]).toEqual({ kind: 'data', data: '12345' });
    expect(r.tracks[3]).toEqual({ kind: 'empty' });
  });

  it('parses the per-track no-data / bad-data markers seen on MSR605X units', () => {
    const bytes = Uint8Array.from([
      ...hex('1B 73 1B 01'), ...Buffer.from('%ABC123?'), ...hex('1B 02 1B 2A 1B 03 1B 2B 3F 1C 1B 30'),
    ]);
    const r = parseIsoReadBlock(bytes);
    expect(r.tracks[1]).toEqual({ kind: 'data', data: 'ABC123' });
    expect(r.tracks[2]).toEqual({ kind: 'error' });
    expect(r.tracks[3]).toEqual({ kind: 'empty' });
  });

  it('refuses something that is not a read block', () => {
    expect(() => parseIsoReadBlock(Uint8Array.from(hex('1B 30')))).toThrow(expect.objectContaining({ code: 'badFrame' }));
  });
});
