import { liveQuery, type Subscription } from 'dexie';
import { useEffect, useState } from 'react';
import { isCatchingUp, onCatchUp } from '../sync/catch-up';

/** While the replica catches up, a paced query re-runs this often at most. */
export const CATCH_UP_REFRESH_MS = 1000;
/**
 * …and waits this many times as long as its last run took: a list of 10,000
 * visits takes ~0.5 s to read on a busy desk, and re-reading it every second
 * would spend half the catch-up's time on a list nobody can read that fast.
 */
const QUERY_SHARE = 4;

/** The wait before a paced query runs again, after a run that took `lastRunMs`. */
export function pacedRefreshMs(lastRunMs: number): number {
  return Math.max(CATCH_UP_REFRESH_MS, QUERY_SHARE * lastRunMs);
}

/**
 * `useLiveQuery` for screens that read whole lists: live (a change shows at
 * once) except while sync is catching up (renderer/sync/catch-up.ts), when
 * the live subscription is dropped — so the query is not re-run for every
 * applied page — and the query runs on a timer instead (pacedRefreshMs).
 * When the catch-up ends the live subscription comes back and runs at once.
 * Like `useLiveQuery`, an error of the query is thrown from the hook.
 */
export function usePacedLiveQuery<T>(querier: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [state, setState] = useState<{ value: T | undefined; error: unknown }>({ value: undefined, error: null });
  useEffect(() => {
    let live: Subscription | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const take = (value: T): void => {
      if (!stopped) setState({ value, error: null });
    };
    const fail = (error: unknown): void => {
      if (!stopped) setState((s) => ({ value: s.value, error }));
    };
    const goLive = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      live ??= liveQuery(querier).subscribe({ next: take, error: fail });
    };
    const tick = (): void => {
      timer = null;
      if (stopped || !isCatchingUp()) return;
      const started = performance.now();
      querier().then(take, fail).finally(() => {
        if (!stopped && isCatchingUp() && timer === null && live === null) timer = setTimeout(tick, pacedRefreshMs(performance.now() - started));
      });
    };
    const pace = (): void => {
      live?.unsubscribe();
      live = null;
      timer ??= setTimeout(tick, CATCH_UP_REFRESH_MS);
    };
    const follow = (catchingUp: boolean): void => (catchingUp ? pace() : goLive());
    // The first result comes at once either way; pacing starts from there.
    if (isCatchingUp()) {
      querier().then(take, fail);
      pace();
    } else goLive();
    const off = onCatchUp(follow);
    return () => {
      stopped = true;
      off();
      live?.unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
    // The caller's deps decide when the query changes, as with useLiveQuery.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  if (state.error !== null) throw state.error instanceof Error ? state.error : new Error(String(state.error));
  return state.value;
}
