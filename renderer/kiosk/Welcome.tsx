import { useSettings } from '../app-store';
import { useLocale, useT } from '../i18n';
import { useCallback } from 'react';
import { submitBadge, submitCode } from './actions';
import { useKiosk } from './store';
import { useWedgeScanner } from './useWedgeScanner';

export function Welcome(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const settings = useSettings();
  const begin = useKiosk((s) => s.begin);
  // 6 digits are an appointment code, 8 characters a badge code (ids.ts alphabets).
  const scanned = useCallback(
    (code: string) => {
      if (/^\d{6}$/.test(code)) {
        begin('code', { code });
        void submitCode();
      } else if (code.length === 8) {
        begin('signOut', { badgeCode: code });
        void submitBadge();
      }
    },
    [begin],
  );
  useWedgeScanner(scanned);
  return (
    <main className="k-main k-welcome">
      <p className="k-welcome-company">{locale === 'zh-CN' ? settings.companyName : settings.companyNameEn}</p>
      <h1 className="k-h1 k-welcome-title">{t('kiosk.welcome.title')}</h1>
      <p className="k-lead">{t('kiosk.welcome.lead')}</p>
      <div className="k-tiles">
        <button type="button" className="k-tile k-tile-primary" onClick={() => begin('code')}>
          <span className="k-tile-title">{t('kiosk.welcome.appointment')}</span>
          <span className="k-tile-hint">{t('kiosk.welcome.appointmentHint')}</span>
        </button>
        <button type="button" className="k-tile k-tile-primary" onClick={() => begin('phone')}>
          <span className="k-tile-title">{t('kiosk.welcome.walkIn')}</span>
          <span className="k-tile-hint">{t('kiosk.welcome.walkInHint')}</span>
        </button>
        <button type="button" className="k-tile" onClick={() => begin('signOut')}>
          <span className="k-tile-title">{t('kiosk.welcome.signOut')}</span>
          <span className="k-tile-hint">{t('kiosk.welcome.signOutHint')}</span>
        </button>
      </div>
    </main>
  );
}
