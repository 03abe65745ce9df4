import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineFramer } from '../../../hardware/pbx/line-framer';
import type { FramedLine } from '../../../hardware/pbx/line-framer';
import { decodeLine } from '../../../hardware/pbx/decode';

function feed(chunks: readonly (string | number[])[], maxLineBytes?: number): FramedLine[] {
  const framer = new LineFramer(maxLineBytes === undefined ? {} : { maxLineBytes });
  const out: FramedLine[] = [];
  for (const c of chunks) out.push(...framer.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : Buffer.from(c)));
  out.push(...framer.flush());
  return out;
}

const text = (lines: readonly FramedLine[]) => lines.map((l) => l.bytes.toString('latin1'));

describe('LineFramer (R-C1)', () => {
  it('R-C1: CR LF split across two chunks is one terminator, not an extra blank line', () => {
    const lines = feed(['first\r', '\nsecond\r', '\n']);
    expect(text(lines)).toEqual(['first', 'second']);
  });

  it('R-C1: CR-only (Panasonic NL code CR) and LF-only streams frame the same', () => {
    expect(text(feed(['a\rb\rc\r']))).toEqual(['a', 'b', 'c']);
    expect(text(feed(['a\nb\nc\n']))).toEqual(['a', 'b', 'c']);
  });

  it('R-C1: a line split across many reads is reassembled', () => {
    const lines = feed(['01/02/02 10:0', '3AM 1200  01 <I>', "123 0'05 00:01'05", '\r\n']);
    expect(text(lines)).toEqual(["01/02/02 10:03AM 1200  01 <I>123 0'05 00:01'05"]);
  });

  it('R-C1: form feed starts a page (ends a pending line, makes no empty line); blank skip-perforation lines are kept', () => {
    const lines = feed(['last row\fDate Time Ext\r\n', '\r\n\r\n\f', 'next\r\n']);
    expect(text(lines)).toEqual(['last row', 'Date Time Ext', '', '', 'next']);
    expect(lines[0]!.end).toBe('ff');
  });

  it('R-C1: NUL and other control bytes are removed and counted, bytes 0x80–0xFF are kept for the charset', () => {
    const lines = feed([[0x00, 0x41, 0x00, 0x02, 0xd5, 0xc5, 0x03, 0x7f, 0x0a]]);
    expect([...lines[0]!.bytes]).toEqual([0x41, 0xd5, 0xc5]);
    expect(lines[0]!.noiseBytes).toBe(5);
    expect(decodeLine(lines[0]!.bytes, 'gbk')).toBe('A张');
  });

  it('R-C1: an over-long run is emitted as a line instead of being buffered forever', () => {
    const lines = feed(['x'.repeat(25), '\n'], 10);
    expect(text(lines)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(lines.map((l) => l.end)).toEqual(['overlong', 'overlong', 'lf']);
  });

  it('R-C1: a partial last line is emitted at end of stream, not lost', () => {
    expect(feed(['no terminator']).map((l) => [l.bytes.toString(), l.end])).toEqual([['no terminator', 'eof']]);
  });

  it('R-C1 (property): arbitrary bytes in arbitrary chunks: never throws, every content byte comes out once, in order', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400, size: 'max' }), fc.array(fc.nat(400), { maxLength: 8, size: 'max' }), (bytes, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: number[][] = [];
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push([...bytes.subarray(prev, p)]);
          prev = p;
        }
        const whole = feed([[...bytes]], 64);
        const split = feed(chunks, 64);
        const content = [...bytes].filter((b) => b >= 0x20 ? b !== 0x7f : b === 0x09);
        expect(split.flatMap((l) => [...l.bytes])).toEqual(content);
        expect(text(split)).toEqual(text(whole));
      }),
      { numRuns: 300 },
    );
  });
});
