import { describe, expect, it } from 'vitest';
import { WedgeDecoder, decodeWedge, strokesFor, usageToKey } from '../../../hardware/card/keyboard-wedge';

describe('keyboard-wedge decoding', () => {
  it('a reader burst (8 ms per key) with Enter is a card number', () => {
    expect(decodeWedge(strokesFor('0012345678\n', 8))).toEqual([{ kind: 'card', number: '0012345678', burstMs: 80 }]);
  });

  it('a person typing the same digits (150 ms per key) is not a card', () => {
    expect(decodeWedge(strokesFor('0012345678\n', 150))).toEqual([{ kind: 'typed', text: '0012345678' }]);
  });

  it('a burst right after slow typing still reads, the typed part is not glued on', () => {
    const strokes = [...strokesFor('12', 200), ...strokesFor('99887766\n', 5, 1000)];
    expect(decodeWedge(strokes)).toEqual([{ kind: 'card', number: '99887766', burstMs: 40 }]);
  });

  it('a slow Enter after a fast burst is a person finishing the line', () => {
    const strokes = [...strokesFor('12345678', 5), { key: 'Enter', at: 1000 }];
    expect(decodeWedge(strokes)[0]?.kind).toBe('typed');
  });

  it('too short, or not matching the pattern, is not a card', () => {
    expect(decodeWedge(strokesFor('123\n', 5))[0]?.kind).toBe('typed');
    expect(decodeWedge(strokesFor('12AB5678\n', 5))[0]?.kind).toBe('typed');
    expect(decodeWedge(strokesFor('12AB5678\n', 5), { pattern: /^[0-9A-F]+$/ })[0]?.kind).toBe('card');
    expect(decodeWedge(strokesFor('12ab5678\n', 5), { pattern: /^[0-9a-f]+$/ })[0]).toMatchObject({ kind: 'card', number: '12ab5678' });
  });

  it('ignores modifier keys and resets after each Enter', () => {
    const d = new WedgeDecoder();
    expect(d.push({ key: 'Shift', at: 0 })).toBeUndefined();
    for (const s of strokesFor('55555\n', 3, 1)) d.push(s);
    expect(d.push({ key: 'Enter', at: 5000 })).toBeUndefined();
  });

  // USB HID Usage Tables §10 (hardware.md 1.5): 0x1E…0x26 = 1…9, 0x27 = 0, 0x28 = Enter.
  it('maps keyboard usages with 0 after 9', () => {
    expect([0x1e, 0x26, 0x27, 0x28, 0x04, 0x1d, 0x2c].map(usageToKey)).toEqual(['1', '9', '0', 'Enter', 'a', 'z', undefined]);
  });
});
