/**
 * "This replica is catching up": set while pulled pages keep coming with more
 * behind them (a kiosk back online with thousands of sign-ins, a fresh
 * console), cleared when the last page is in. Screens whose live queries read
 * whole lists (the visitor board) refresh from a timer while it is set
 * instead of after every applied page — a page is one Dexie transaction, so
 * each one would re-run every live query on it. A single new change arrives
 * as one page with nothing behind it and never sets the flag, so it shows at
 * once.
 *
 * The flag also clears itself when no page has come for STALE_MS (a pull
 * that failed half-way must not leave screens on the slow path).
 */
const STALE_MS = 3000;

type Listener = (catchingUp: boolean) => void;
const listeners = new Set<Listener>();
let catchingUp = false;
let staleTimer: ReturnType<typeof setTimeout> | null = null;

function set(next: boolean): void {
  if (staleTimer !== null) clearTimeout(staleTimer);
  staleTimer = next ? setTimeout(() => set(false), STALE_MS) : null;
  // Under Node (unit tests, the bench's baseline) the timer must not keep the process alive.
  if (staleTimer !== null && typeof staleTimer === 'object' && 'unref' in staleTimer) staleTimer.unref();
  if (next === catchingUp) return;
  catchingUp = next;
  for (const l of listeners) l(next);
}

/** Called before a pulled page is applied: `more` is the page's hasMore. */
export function pageArriving(more: boolean): void {
  if (more) set(true);
}

/** Called once a pulled page is applied (or failed): the last page ends the catch-up. */
export function pageDone(more: boolean): void {
  if (!more) set(false);
}

export function isCatchingUp(): boolean {
  return catchingUp;
}

/** Listeners are called synchronously, so a screen can pause its live query before the page's transaction commits. */
export function onCatchUp(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
