/**
 * Exponential back-off with jitter for an unreachable hub (after Signal's
 * BackOff): the random source is injected so the schedule is testable.
 * Invariant: every delay is within [cap/2, cap] of the current step's cap,
 * and the cap never exceeds `maxMs`.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly random: () => number = Math.random,
    private readonly baseMs = 500,
    private readonly maxMs = 30_000,
  ) {}

  /** The delay before the next retry; each call doubles the cap. */
  next(): number {
    const cap = Math.min(this.maxMs, this.baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }

  reset(): void {
    this.attempt = 0;
  }
}
