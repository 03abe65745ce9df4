/**
 * Hybrid logical clock (HLC) stamps as collatable strings, in the manner of
 * Actual's HULC: `<wall ms, 15 digits>-<counter, 5 base-36 digits>-<node>`.
 *
 * Invariants:
 * - Plain string comparison orders stamps by (wall, counter, node), because the
 *   first two parts are fixed-width; so the node id breaks ties deterministically.
 * - A clock never goes backwards: every `tick()` is greater than every stamp it
 *   produced or received before.
 * - Drift never fails anything (unlike Actual #3786): the hub clamps far-future
 *   stamps with `clampHlc` instead of refusing them.
 */
const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;

export interface HlcParts {
  wall: number;
  counter: number;
  node: string;
}

export class HlcFormatError extends Error {
  readonly code = 'hlc.format';
  constructor(readonly stamp: string) {
    super(`Not an HLC stamp: ${stamp.slice(0, 60)}`);
  }
}

const PATTERN = /^(\d{15})-([0-9a-z]{5})-([A-Za-z0-9_.:-]{1,64})$/;

export function formatHlc(p: HlcParts): string {
  const wall = Math.max(0, Math.min(Math.floor(p.wall), 10 ** WALL_DIGITS - 1));
  return `${String(wall).padStart(WALL_DIGITS, '0')}-${p.counter.toString(36).padStart(COUNTER_DIGITS, '0')}-${p.node}`;
}

export function parseHlc(stamp: string): HlcParts {
  const m = PATTERN.exec(stamp);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) throw new HlcFormatError(stamp);
  return { wall: Number(m[1]), counter: parseInt(m[2], 36), node: m[3] };
}

export function isHlc(stamp: string): boolean {
  return PATTERN.test(stamp);
}

/** Total order of stamps: negative, zero or positive like `Array.sort` wants. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxHlc(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareHlc(a, b) >= 0 ? a : b;
}

/**
 * A stamp whose wall time is more than `maxDriftMs` ahead of `nowMs` is pulled
 * back to `nowMs + maxDriftMs` (keeping counter and node), so a kiosk whose
 * clock says next year cannot win every future conflict. Stamps from the past
 * are left alone: they only lose ties, which is the price of a slow clock.
 */
export function clampHlc(stamp: string, nowMs: number, maxDriftMs: number): string {
  const p = parseHlc(stamp);
  const limit = nowMs + maxDriftMs;
  return p.wall > limit ? formatHlc({ ...p, wall: limit }) : stamp;
}

export class HybridClock {
  private wall = 0;
  private counter = 0;

  /** @param node unique per replica (client id, or 'hub'); @param now injectable wall clock. */
  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new stamp for a local event, greater than all earlier ones. */
  tick(): string {
    const phys = this.now();
    if (phys > this.wall) {
      this.wall = phys;
      this.counter = 0;
    } else {
      this.bump();
    }
    return formatHlc({ wall: this.wall, counter: this.counter, node: this.node });
  }

  /** Merge a stamp seen from elsewhere so later local stamps sort after it. */
  receive(stamp: string): void {
    const r = parseHlc(stamp);
    const phys = this.now();
    const wall = Math.max(this.wall, r.wall, phys);
    if (wall === this.wall && wall === r.wall) this.counter = Math.max(this.counter, r.counter);
    else if (wall === r.wall) this.counter = r.counter;
    else if (wall !== this.wall) this.counter = 0;
    this.wall = wall;
    this.bump();
  }

  /** The clock's current high-water mark (no new event). */
  peek(): string {
    return formatHlc({ wall: this.wall, counter: this.counter, node: this.node });
  }

  private bump(): void {
    // Counter overflow moves to the next millisecond rather than failing: a
    // clock must never refuse to stamp (see sync.md, "Clock problems").
    if (this.counter >= MAX_COUNTER) {
      this.wall += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
