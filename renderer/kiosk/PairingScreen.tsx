import { useT } from '../i18n';
import { OnScreenKeyboard } from './keyboard/OnScreenKeyboard';
import { LanguageButton } from './Layout';
import { TextField } from './TextField';
import { useAutoFocus } from './useAutoFocus';
import '../styles/kiosk.css';

export interface PairingProps {
  code: string;
  onCode: (code: string) => void;
  onSubmit: () => void;
  busy: boolean;
  /** Why the kiosk is here again (its token was revoked or expired). */
  notice: string | null;
  error: string | null;
}

const CODE_INPUT = 'k-pair-code';

/**
 * The kiosk's pairing screen (sync/SyncGate.tsx holds the logic): laid out
 * like the kiosk's own questions, with the digit pad (K18), since a lobby
 * kiosk has no keyboard for whoever sets it up.
 */
export default function PairingScreen({ code, onCode, onSubmit, busy, notice, error }: PairingProps): React.JSX.Element {
  const t = useT();
  const ref = useAutoFocus<HTMLInputElement>();
  const digits = (v: string): void => onCode(v.replace(/\D/g, '').slice(0, 8));
  return (
    <div className="k-app">
      <header className="k-top">
        <p className="k-company" />
        <div className="k-top-right">
          <LanguageButton />
        </div>
      </header>
      <div className="k-screen">
        <main className="k-main">
          <form
            className="k-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              onSubmit();
            }}
          >
            <h1 className="k-h1">{t('sync.pair.title')}</h1>
            {notice ? (
              <p className="k-notice" role="alert">
                {notice}
              </p>
            ) : null}
            <TextField id={CODE_INPUT} label={t('sync.pair.code')} hint={t('sync.pair.hint')} value={code} onChange={digits} inputMode="numeric" inputRef={ref} className="k-input-code" />
            {error ? (
              <p className="k-field-error" role="alert">
                {error}
              </p>
            ) : null}
            <button type="submit" className="k-button k-primary k-full" disabled={busy}>
              {t('sync.pair.submit')}
            </button>
          </form>
        </main>
        <OnScreenKeyboard kind="digits" value={code} onChange={digits} inputId={CODE_INPUT} />
      </div>
    </div>
  );
}
