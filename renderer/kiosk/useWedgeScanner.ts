import { useEffect } from 'react';

/**
 * A keyboard-wedge scanner "types" its code and presses Enter. On the welcome
 * screen nothing has focus, so this collects such keystrokes and hands the
 * code over: a scan works without tapping "I have an appointment" first.
 */
export function useWedgeScanner(onCode: (code: string) => void): void {
  useEffect(() => {
    let buffer = '';
    const key = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      if (e.key === 'Enter') {
        // The next screen focuses its input at once; this Enter must not submit it a second time.
        if (buffer) {
          e.preventDefault();
          onCode(buffer);
        }
        buffer = '';
      } else if (/^[0-9A-Za-z]$/.test(e.key)) {
        buffer = (buffer + e.key).slice(-16);
      }
    };
    document.addEventListener('keydown', key);
    return () => document.removeEventListener('keydown', key);
  }, [onCode]);
}
