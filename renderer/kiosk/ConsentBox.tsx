import { useT } from '../i18n';
import { FieldError, useDescribedBy } from './ErrorSummary';
import { useKiosk } from './store';

/** K17 / PIPL Art. 29: a separate tick for the ID number and photo, never bundled with the NDA. */
export function ConsentBox(): React.JSX.Element {
  const t = useT();
  const consent = useKiosk((s) => s.draft.consent);
  const patch = useKiosk((s) => s.patch);
  const { describedBy, invalid } = useDescribedBy('k-consent', false);
  return (
    <div className={`k-field${invalid ? ' k-field-invalid' : ''}`}>
      <FieldError inputId="k-consent" />
      <div className="k-check">
        <input id="k-consent" type="checkbox" checked={consent} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => patch({ consent: e.target.checked })} />
        <label htmlFor="k-consent">{t('kiosk.id.consent')}</label>
      </div>
    </div>
  );
}
