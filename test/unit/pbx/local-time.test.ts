import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localTimeOf, shiftLocalTime } from '../../../shared/domain/call';

describe('call time arithmetic (R-C1)', () => {
  it('R-C1: rejects impossible dates, accepts 29 Feb only in leap years', () => {
    expect(localTimeOf(2024, 2, 29, 0, 0, 0)).toBe('2024-02-29T00:00:00');
    expect(localTimeOf(2023, 2, 29, 0, 0, 0)).toBeNull();
    expect(localTimeOf(2000, 2, 29, 23, 59, 59)).toBe('2000-02-29T23:59:59');
    expect(localTimeOf(2024, 13, 1, 0, 0, 0)).toBeNull();
    expect(localTimeOf(2024, 1, 1, 24, 0, 0)).toBeNull();
    expect(localTimeOf(Number.NaN, 1, 1, 0, 0, 0)).toBeNull();
  });

  it('R-C1: shifting across midnight and New Year', () => {
    expect(shiftLocalTime('2024-01-01T00:00:30', -65)).toBe('2023-12-31T23:59:25');
    expect(shiftLocalTime('2024-02-28T23:59:59', 1)).toBe('2024-02-29T00:00:00');
  });

  it('R-C1 (property): agrees with Date.UTC arithmetic', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -400_000_000, max: 400_000_000 }), (d, delta) => {
        const iso = d.toISOString().slice(0, 19);
        expect(shiftLocalTime(iso, delta)).toBe(new Date(Date.parse(`${iso}Z`) + delta * 1000).toISOString().slice(0, 19));
      }),
      { numRuns: 500 },
    );
  });
});
