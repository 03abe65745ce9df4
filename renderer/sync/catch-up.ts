/**
 * "This replica is catching up": set while pulled pages keep coming — with
 * more behind them (a fresh console, a long offline spell) or one hard on the
 * heels of the last (a kiosk back online pushing its backlog batch after
 * batch, each announced by a poke and pulled as its own small page). Screens
 * whose live queries read whole lists (the visitor board) refresh from a timer
 * while it is set instead of after every applied page — a page is one Dexie
 * transaction, so each one would re-run every live query on it, and a list of
 * thousands read twenty times over costs more than the pages themselves.
 *
 * A lone change arrives as one page with nothing behind it and long after the
 * last, never sets the flag, and shows at once.
 *
 * The flag clears on the last page of a pull with more behind it, or when no
 * page has come for a while: QUIET_MS after a burst, STALE_MS after a pull
 * that failed half-way (which must not leave screens on the slow path).
 */
const STALE_MS = 3000;
/** A pull whose first page comes sooner than this after the last pull ended is part of a burst. */
export const BURST_MS = 1000;
/** A burst is over when no page came for this long. */
const QUIET_MS = 1000;

type Listener = (catchingUp: boolean) => void;
const listeners = new Set<Listener>();
let catchingUp = false;
let staleTimer: ReturnType<typeof setTimeout> | null = null;
/** When the last page of a pull (nothing behind it) was applied. */
let lastPullEndedAt = -Infinity;
/** Set by a burst: only the quiet timer ends it, not a page with nothing behind it. */
let inBurst = false;

function set(next: boolean, clearAfterMs = STALE_MS): void {
  if (staleTimer !== null) clearTimeout(staleTimer);
  staleTimer = next ? setTimeout(() => set(false), clearAfterMs) : null;
  if (!next) inBurst = false;
  // Under Node (unit tests, the bench's baseline) the timer must not keep the process alive.
  if (staleTimer !== null && typeof staleTimer === 'object' && 'unref' in staleTimer) staleTimer.unref();
  if (next === catchingUp) return;
  catchingUp = next;
  for (const l of listeners) l(next);
}

/** Called before a pulled page is applied: `more` is the page's hasMore. */
export function pageArriving(more: boolean): void {
  // A burst goes on with every page; pages of one paged pull follow each other closely by
  // nature, so only a new pull starts one.
  if (inBurst || (!catchingUp && Date.now() - lastPullEndedAt < BURST_MS)) {
    inBurst = true;
    set(true, QUIET_MS);
  } else if (more) set(true);
}

/** Called once a pulled page is applied (or failed): the last page of a pull ends its catch-up, unless pages come in a burst. */
export function pageDone(more: boolean): void {
  if (more) return;
  lastPullEndedAt = Date.now();
  if (!inBurst) set(false);
}

/** Ends any catch-up and forgets the last pull (tests: the state is the module's). */
export function resetCatchUp(): void {
  lastPullEndedAt = -Infinity;
  set(false);
}

export function isCatchingUp(): boolean {
  return catchingUp;
}

/** Listeners are called synchronously, so a screen can pause its live query before the page's transaction commits. */
export function onCatchUp(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
