import { describe, expect, it } from 'vitest';
import { panasonic, panasonicTa, parseLineByShape } from '../../../hardware/pbx/formats/panasonic';
import { PbxSimulator } from '../../../hardware/sim/pbx-simulator';
import { CTX, fixtureBytes } from './fixture';
import { seeded } from './service-harness';

function corpus(): string[] {
  const fixtures = ['panasonic-pattern-a.txt', 'panasonic-pattern-c.txt'].flatMap((f) => fixtureBytes(f).toString('latin1').split(/\r?\n/));
  const random = seeded(11);
  const sim = new PbxSimulator({ write: () => undefined, random, clock: () => new Date(2024, 0, 31, 23, 59) });
  const simulated = Array.from({ length: 600 }, () => sim.nextLines()).flat();
  const base = [...fixtures, ...simulated];
  // Single-character mutations push lines just off the columns: the fast path must then agree or step aside.
  const mutated = base.flatMap((line) =>
    Array.from({ length: 4 }, () => {
      const i = Math.floor(random() * Math.max(1, line.length));
      const c = " 0'*:/<IE9A".charAt(Math.floor(random() * 11));
      return line.slice(0, i) + c + line.slice(i + 1);
    }),
  );
  return [...base, ...mutated];
}

describe('Panasonic fixed-column fast path (R-C1)', () => {
  it('R-C1: gives exactly the regex path outcome on fixtures, simulated traffic and mutated lines', () => {
    for (const line of corpus()) {
      expect(panasonic.parse(line, CTX), line).toEqual(parseLineByShape(line, CTX, false));
      expect(panasonicTa.parse(line, CTX), line).toEqual(parseLineByShape(line, CTX, true));
    }
  });
});
