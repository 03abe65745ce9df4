import { useEffect, useRef } from 'react';

/**
 * Focuses an input when its screen opens, so that a keyboard-wedge scanner
 * (which types the code and Enter) lands in it without a tap.
 */
export function useAutoFocus<T extends HTMLElement>(): React.RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
