/**
 * Reconnect delays for a PBX link, after Signal-Desktop's BackOff: a fixed
 * schedule walked one step per failure, with jitter from injected randomness so
 * the schedule is testable. Invariant: `get()` never exceeds the last step plus
 * its jitter, so a long outage keeps retrying at a steady pace.
 */
export const PBX_RECONNECT_MS: readonly number[] = [250, 500, 1000, 2000, 5000, 10_000, 30_000];

export interface BackOffOptions {
  /** Fraction of the step added at most as jitter (0.2 → up to +20 %). */
  jitter?: number;
  /** Returns a number in [0, 1). */
  random?: () => number;
}

export class BackOff {
  private count = 0;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(
    private readonly timeouts: readonly number[] = PBX_RECONNECT_MS,
    options: BackOffOptions = {},
  ) {
    if (timeouts.length === 0) throw new RangeError('BackOff needs at least one timeout');
    this.jitter = options.jitter ?? 0.2;
    this.random = options.random ?? Math.random;
  }

  /** The delay before the next attempt. */
  get(): number {
    const step = this.timeouts[Math.min(this.count, this.timeouts.length - 1)]!;
    return Math.round(step + step * this.jitter * this.random());
  }

  getAndIncrement(): number {
    const delay = this.get();
    this.count += 1;
    return delay;
  }

  /** A connection that worked: the next outage starts from the shortest delay. */
  reset(): void {
    this.count = 0;
  }

  get attempts(): number {
    return this.count;
  }
}
