import { useEffect, useState } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'input', 'wheel'] as const;

/**
 * True once `seconds` pass without input while `active`. Date.now and
 * setInterval, so Playwright's clock can drive it (K15 test). Input while
 * the prompt shows does not dismiss it: only its Continue button does.
 */
export function useIdle(active: boolean, seconds: number): { idle: boolean; resume: () => void } {
  const [idle, setIdle] = useState(false);
  const [epoch, setEpoch] = useState(0);
  // A reset ends the journey while the prompt shows: the next journey starts with a fresh timer, not the old prompt.
  if (!active && idle) setIdle(false);
  useEffect(() => {
    if (!active || idle) return;
    let last = Date.now();
    const touch = (): void => {
      last = Date.now();
    };
    for (const type of ACTIVITY) document.addEventListener(type, touch, true);
    const timer = setInterval(() => {
      if (Date.now() - last >= seconds * 1000) setIdle(true);
    }, 250);
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY) document.removeEventListener(type, touch, true);
    };
  }, [active, idle, seconds, epoch]);
  return {
    idle: active && idle,
    resume: () => {
      setIdle(false);
      setEpoch((e) => e + 1);
    },
  };
}
