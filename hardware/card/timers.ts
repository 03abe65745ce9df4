import { CardDeviceError } from './errors';

/**
 * The clock the device layer waits on. Injected (as Signal's BackOff injects
 * randomness) so tests and the hot-plug poller run without real sleeps.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Timers {
  /** Calls `fn` once after `ms`, unless cancelled. */
  after(ms: number, fn: () => void): TimerHandle;
  now(): number;
}

export const systemTimers: Timers = {
  after: (ms, fn) => {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
  now: () => performance.now(),
};

/**
 * Races `work` against a deadline. On timeout the returned promise rejects with
 * `onTimeout()` (a typed error); `work` is not cancelled — callers that can
 * cancel on the device (MSR605X `ESC a`) do so in their own handler.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, timers: Timers, onTimeout: () => CardDeviceError): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const handle = timers.after(ms, () => reject(onTimeout()));
    work.then(
      (v) => {
        handle.cancel();
        resolve(v);
      },
      (e: unknown) => {
        handle.cancel();
        reject(e instanceof Error ? e : new CardDeviceError('deviceError', String(e)));
      },
    );
  });
}

/** Waits `ms` on the injected clock. */
export function sleep(ms: number, timers: Timers): Promise<void> {
  return new Promise((resolve) => timers.after(ms, resolve));
}
