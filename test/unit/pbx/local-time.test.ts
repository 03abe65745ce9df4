import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localTimeOf, shiftedLocalTime, shiftLocalTime } from '../../../shared/domain/call';

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

  // The formatter caches the last day and takes a same-day shortcut: interleaved
  // days and short shifts (most calls) must still agree with Date.
  it('R-C1 (property): short shifts and interleaved days agree with Date.UTC arithmetic (issue 4 fast path)', () => {
    const dateArb = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(dateArb, fc.integer({ min: -90_000, max: 90_000 })), { minLength: 1, maxLength: 8 }), (pairs) => {
        for (const [d, delta] of pairs) {
          const iso = d.toISOString().slice(0, 19);
          expect(localTimeOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds())).toBe(iso);
          const want = new Date(Date.parse(`${iso}Z`) + delta * 1000).toISOString().slice(0, 19);
          expect(shiftedLocalTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), delta)).toBe(want);
        }
      }),
      { numRuns: 500 },
    );
    expect(localTimeOf(999, 1, 1, 0, 0, 0)).toBe('0999-01-01T00:00:00');
    expect(localTimeOf(2024, 1, 1, 0, 0, 1.5)).toBeNull();
  });
});
