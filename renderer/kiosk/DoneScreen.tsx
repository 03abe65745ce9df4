import { useSettings } from '../app-store';
import { useT } from '../i18n';
import { BadgePreview } from './BadgePreview';
import { BadgePrintStatus } from './BadgePrintStatus';
import { useKiosk } from './store';
import { useCountdown } from './useCountdown';

/** Signed in: what happens next, the badge preview, back to welcome after kioskDoneSeconds (K15). */
export function DoneScreen(): React.JSX.Element | null {
  const t = useT();
  const visit = useKiosk((s) => s.visit);
  const reset = useKiosk((s) => s.reset);
  const { kioskDoneSeconds } = useSettings();
  const left = useCountdown(kioskDoneSeconds, reset);
  if (!visit) return null;
  return (
    <main className="k-main k-wide k-done">
      <div className="k-done-text">
        <h1 className="k-h1">
          <span aria-hidden="true">✓ </span>
          {t('kiosk.done.title')}
        </h1>
        <p className="k-lead">{t('kiosk.done.next', { host: visit.hostName })}</p>
        {visit.escortRequired ? <p className="k-lead k-strong">{t('kiosk.done.escort', { host: visit.hostName })}</p> : null}
        <BadgePrintStatus visitId={visit.id} />
        <button type="button" className="k-button k-primary k-full" onClick={reset}>
          {t('kiosk.done.finish')}
        </button>
        <p className="k-hint">{t('kiosk.done.auto', { seconds: left })}</p>
      </div>
      <BadgePreview visit={visit} />
    </main>
  );
}

/**
 * K14: one calm page for "ask reception" and for anything the visitor cannot
 * fix, watch-list hits included; it never says why.
 */
export function ReceptionScreen(): React.JSX.Element {
  const t = useT();
  const reset = useKiosk((s) => s.reset);
  return (
    <main className="k-main k-calm">
      <h1 className="k-h1">{t('kiosk.reception.title')}</h1>
      <p className="k-lead">{t('kiosk.reception.lead')}</p>
      <button type="button" className="k-button k-primary k-full" onClick={reset}>
        {t('kiosk.reception.home')}
      </button>
    </main>
  );
}
