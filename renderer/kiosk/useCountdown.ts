import { useEffect, useState } from 'react';

/**
 * Seconds left until `seconds` have passed since mount; calls `onZero` once
 * at zero. Date.now and setInterval, so Playwright's clock drives it in tests.
 */
export function useCountdown(seconds: number, onZero: () => void): number {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const deadline = Date.now() + seconds * 1000;
    let fired = false;
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0 && !fired) {
        fired = true;
        clearInterval(timer);
        onZero();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [seconds, onZero]);
  return left;
}
