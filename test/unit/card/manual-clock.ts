import type { TimerHandle, Timers } from '../../../hardware/card/timers';

/** A clock that moves only when the test says so. */
export class ManualClock implements Timers {
  private t = 0;
  private pending: { at: number; fn: () => void; live: boolean }[] = [];

  now(): number {
    return this.t;
  }

  after(ms: number, fn: () => void): TimerHandle {
    const entry = { at: this.t + ms, fn, live: true };
    this.pending.push(entry);
    return { cancel: () => void (entry.live = false) };
  }

  /** Advances time, running due timers in order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const due = this.pending.filter((p) => p.live && p.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.t = due.at;
      due.live = false;
      due.fn();
    }
    this.t = end;
    this.pending = this.pending.filter((p) => p.live);
    await new Promise((r) => setImmediate(r));
  }
}
