import { useEffect, useRef } from 'react';
import { useT } from '../i18n';
import { useKiosk } from './store';
import { useCountdown } from './useCountdown';

/**
 * K15: "Do you need more time?" over the whole screen, with a visible
 * countdown and one big Continue; at zero the kiosk resets (K16).
 */
export function IdlePrompt({ seconds, onContinue }: { seconds: number; onContinue: () => void }): React.JSX.Element {
  const t = useT();
  const reset = useKiosk((s) => s.reset);
  const left = useCountdown(seconds, reset);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
  }, []);
  return (
    <div className="k-idle" role="alertdialog" aria-modal="true" aria-labelledby="k-idle-title" aria-describedby="k-idle-lead">
      <div className="k-idle-box">
        <h2 id="k-idle-title" className="k-h1">
          {t('kiosk.idle.title')}
        </h2>
        <p className="k-idle-count" aria-hidden="true">
          {left}
        </p>
        <p id="k-idle-lead" className="k-lead">
          {t('kiosk.idle.lead', { seconds: left })}
        </p>
        <button type="button" ref={button} className="k-button k-primary k-full" onClick={onContinue}>
          {t('kiosk.idle.continue')}
        </button>
      </div>
    </div>
  );
}
