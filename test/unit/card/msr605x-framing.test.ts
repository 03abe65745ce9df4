import { describe, expect, it } from 'vitest';
import { MessageAssembler, frameMessage } from '../../../hardware/card/msr605x/framing';

const bytes = (s: string): number[] => s.split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16));

// Worked examples from https://github.com/rubicae/msr605x/blob/0239283a4b1a8f0b9f944453275fcd488551c4b1/README.md
// and hardware.md 1.1 ("Computed with the rule above").
describe('MSR605X HID framing', () => {
  it('"string" is one packet C6 73 74 72 69 6E 67 00…', () => {
    const [p, ...rest] = frameMessage(Buffer.from('string'));
    expect(rest).toEqual([]);
    expect(p).toHaveLength(64);
    expect([...(p ?? [])].slice(0, 8)).toEqual(bytes('C6 73 74 72 69 6E 67 00'));
  });

  it('a 141-byte message has headers BF, 3F, 4F', () => {
    const packets = frameMessage(new Uint8Array(141).fill(0x41));
    expect(packets.map((p) => p[0])).toEqual([0xbf, 0x3f, 0x4f]);
  });

  it('reset ESC a is C2 1B 61', () => {
    expect([...(frameMessage(Uint8Array.of(0x1b, 0x61))[0] ?? [])].slice(0, 3)).toEqual(bytes('C2 1B 61'));
  });

  it("the manual's section 9 write is one packet with header DC", () => {
    const msg = bytes('1B 77 1B 73 1B 01 41 42 43 31 32 33 1B 02 31 32 33 34 35 1B 03 31 32 33 34 35 3F 1C');
    const [p] = frameMessage(Uint8Array.from(msg));
    expect([...(p ?? [])].slice(0, 29)).toEqual([0xdc, ...msg]);
  });

  it('reassembly trusts the length bits, never the padding', () => {
    const a = new MessageAssembler();
    const garbage = (header: number, payload: number[]): Uint8Array => {
      const r = new Uint8Array(64).fill(0xa5);
      r[0] = header;
      r.set(payload, 1);
      return r;
    };
    expect(a.push(garbage(0x82, [0x1b, 0x73]))).toBeUndefined();
    expect(a.push(garbage(0x01, [0x41]))).toBeUndefined();
    expect([...(a.push(garbage(0x42, [0x3f, 0x1c])) ?? [])]).toEqual([0x1b, 0x73, 0x41, 0x3f, 0x1c]);
    // A continuation with nothing in progress is dropped.
    expect(a.push(garbage(0x42, [0x1b, 0x30]))).toBeUndefined();
  });

  it('frames and reassembles long messages losslessly', () => {
    const msg = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const a = new MessageAssembler();
    const out = frameMessage(msg).map((p) => a.push(p));
    expect(out.slice(0, -1).every((m) => m === undefined)).toBe(true);
    expect(out.at(-1)).toEqual(msg);
  });
});
