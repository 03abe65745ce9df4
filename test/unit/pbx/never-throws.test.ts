import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLine } from '../../../hardware/pbx/decode';
import { SMDR_FORMATS } from '../../../hardware/pbx/formats/index';
import { LineFramer } from '../../../hardware/pbx/line-framer';
import { parseSmdrLine } from '../../../hardware/pbx/parse-line';
import { CTX, fixtureBytes } from './fixture';

const SAMPLES = ['panasonic-pattern-a.txt', 'avaya-ipo.csv', 'mitel-mivb.txt', 'nec-sl1000.txt', 'asterisk-master.csv', 'yeastar-newcdr.ndjson']
  .flatMap((f) => decodeLine(fixtureBytes(f), 'latin1').split(/\r?\n/))
  .filter((l) => l !== '');

describe('parsers never throw and never lose a line (R-C1)', () => {
  it('R-C1 (property): random bytes through framer + every format give one outcome per framed line', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300, size: 'max' }), (bytes) => {
        const framer = new LineFramer({ maxLineBytes: 128 });
        const frames = [...framer.push(bytes), ...framer.flush()];
        for (const format of SMDR_FORMATS) {
          const out = frames.map((f) => parseSmdrLine({ bytes: f.bytes, id: null, pbxId: 'p' }, format, CTX));
          expect(out).toHaveLength(frames.length);
          for (const o of out) expect(['call', 'header', 'blank', 'status', 'unrecognized']).toContain(o.kind);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('R-C1 (property): mutated fixture lines never throw; calls keep their raw text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.nat(300), fc.string({ maxLength: 3 }), fc.nat(5), (line, at, insert, cut) => {
        const i = at % (line.length + 1);
        const mutated = line.slice(0, i) + insert + line.slice(i + cut);
        for (const format of SMDR_FORMATS) {
          const o = format.parse(mutated, CTX);
          if (o.kind === 'call') {
            expect(o.call.durationSec === null || o.call.durationSec >= 0).toBe(true);
            expect(o.call.ringSec === null || o.call.ringSec >= 0).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
