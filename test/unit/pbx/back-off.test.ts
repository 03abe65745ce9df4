import { describe, expect, it } from 'vitest';
import { AUTO_HOLD_LINES, AutoFormat } from '../../../hardware/pbx/auto-format';
import { BackOff } from '../../../hardware/pbx/back-off';
import type { JournalEntry } from '../../../hardware/pbx/journal';

function entry(seq: number, text: string): JournalEntry {
  return { id: `id-${seq}`, seq, offset: seq * 100, receivedAt: new Date(2024, 5, 1), pbxId: 'p', bytes: Buffer.from(text, 'latin1'), damaged: false };
}

describe('reconnect back-off and auto-detection (R-O3, R-C1)', () => {
  it('R-O3: walks the schedule with injected jitter, stays at the last step, resets after a good connection', () => {
    const b = new BackOff([100, 200, 400], { jitter: 0.5, random: () => 0.5 });
    expect([b.getAndIncrement(), b.getAndIncrement(), b.getAndIncrement(), b.getAndIncrement()]).toEqual([125, 250, 500, 500]);
    b.reset();
    expect(b.get()).toBe(125);
  });

  it('R-C1: auto holds lines until one format convinces, then releases them in order with it', () => {
    const auto = new AutoFormat();
    expect(auto.offer(entry(1, '')).entries).toEqual([]);
    const out = auto.offer(entry(2, "01/02/02 10:03AM 1200  01 <I>0123456789   0'05 00:01'05"));
    expect(out.format?.name).toBe('panasonic');
    expect(out.entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(auto.offer(entry(3, 'x')).entries.map((e) => e.seq)).toEqual([3]);
  });

  it('R-C1: auto releases unconvincing lines as undetected after AUTO_HOLD_LINES, never drops them', () => {
    const auto = new AutoFormat();
    const released: number[] = [];
    for (let i = 1; i <= AUTO_HOLD_LINES; i++) {
      const r = auto.offer(entry(i, `noise ${i}`));
      expect(r.format).toBeNull();
      released.push(...r.entries.map((e) => e.seq));
    }
    expect(released).toEqual(Array.from({ length: AUTO_HOLD_LINES }, (_, i) => i + 1));
    expect(auto.heldCount).toBe(0);
  });
});
