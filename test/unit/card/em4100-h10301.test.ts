import { describe, expect, it } from 'vitest';
import {
  decodeEm4100Frame,
  decodeH10301,
  em4100FromHex,
  em4100ToBytes,
  em4100ToHex,
  encodeEm4100Frame,
  encodeH10301,
  h10301FromEm4100Id,
  h10301ToBits,
} from '../../../shared/card-data';

describe('EM4100 ids', () => {
  // pyrfidhid test fixture: CID 77 (0x4D), UID 0x499602D2 = 1234567890
  // https://github.com/charlysan/pyrfidhid/blob/02430582f4247166458e8d81f94dae2fecff3071/rfidhid/test_core.py
  const fixture = { customer: 77, id: 1234567890 };

  it('formats the pyrfidhid fixture as 5 bytes and hex', () => {
    expect([...em4100ToBytes(fixture)]).toEqual([77, 73, 150, 2, 210]);
    expect(em4100ToHex(fixture)).toBe('4D499602D2');
    expect(em4100FromHex('4d499602d2')).toEqual(fixture);
  });

  // Frame layout from https://nigh.github.io/markdown/rfid-packet (citing priority1design's
  // EM4100 protocol page): 9 header ones, 10 × (4 data + even parity), 4 even column bits, stop 0.
  // Expected bits worked by hand for 01 00000001 (rows: 0,1,0×7,1).
  it('encodes a frame with header, row and column parity and stop bit', () => {
    const bits = encodeEm4100Frame({ customer: 0x01, id: 0x00000001 }).join('');
    expect(bits).toBe(
      '111111111' + '00000' + '00011' + '00000'.repeat(7) + '00011' + '0000' + '0',
    );
    expect(bits).toHaveLength(64);
  });

  it('round-trips and catches a single flipped bit anywhere in the data', () => {
    const frame = encodeEm4100Frame(fixture);
    expect(decodeEm4100Frame(frame)).toEqual(fixture);
    for (let i = 9; i < 63; i++) {
      const bad = frame.map((b, j) => (j === i ? 1 - b : b));
      expect(() => decodeEm4100Frame(bad)).toThrow();
    }
  });

  it('refuses ids out of range', () => {
    expect(() => em4100ToBytes({ customer: 256, id: 0 })).toThrow(expect.objectContaining({ code: 'outOfRange' }));
    expect(() => em4100ToBytes({ customer: 0, id: 2 ** 32 })).toThrow(expect.objectContaining({ code: 'outOfRange' }));
  });
});

describe('HID H10301 26-bit', () => {
  // FC 90 / CN 324: npm wiegand-encoder, https://github.com/jessety/wiegand-encoder
  // FC 99 / CN 999: https://github.com/angorb/wiegand-26bit-php/blob/2e924a6b6da53dcc24df8cedf1071ccc4114b350/README.md
  // FC 1 / CN 1: hardware.md 1.6 (computed there, re-derived from the RFIDeas layout).
  it.each([
    [90, 324, '00101101000000001010001000'],
    [99, 999, '00110001100000011111001111'],
    [1, 1, '10000000100000000000000010'],
  ])('FC %i / CN %i → %s', (facility, card, bits) => {
    expect(h10301ToBits({ facility, card })).toBe(bits);
    expect(decodeH10301(bits)).toEqual({ facility, card });
  });

  it('FC 99 / CN 999 is 0x0C607CF', () => {
    expect(encodeH10301({ facility: 99, card: 999 })).toBe(0x0c607cf);
  });

  it('refuses parity errors and out-of-range fields', () => {
    expect(() => decodeH10301('10101101000000001010001000')).toThrow(expect.objectContaining({ code: 'parity' }));
    expect(() => decodeH10301('00101101000000001010001001')).toThrow(expect.objectContaining({ code: 'parity' }));
    expect(() => encodeH10301({ facility: 256, card: 0 })).toThrow(expect.objectContaining({ code: 'outOfRange' }));
    expect(() => encodeH10301({ facility: 0, card: 65536 })).toThrow(expect.objectContaining({ code: 'outOfRange' }));
  });

  // pyrfidhid get_tag_w26: UID with top byte 0 → (FC, CN) = the low 3 bytes as >BH.
  it('reads the W26 number out of an EM4100 id whose top byte is 0', () => {
    expect(h10301FromEm4100Id(0x005a0144)).toEqual({ facility: 90, card: 324 });
    expect(h10301FromEm4100Id(1234567890)).toBeUndefined();
  });
});
