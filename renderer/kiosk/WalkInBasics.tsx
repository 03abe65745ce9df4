import { maskName, maskPhone } from '../../shared/mask';
import { findReturningByPhone } from '../db/kiosk-queries';
import { useT } from '../i18n';
import { checkStep } from './finish';
import { NavBar, QuestionScreen } from './Layout';
import { useKiosk } from './store';
import { TextField } from './TextField';
import { useAutoFocus } from './useAutoFocus';

/**
 * R-V4 walk-in starts with the mobile: it is what recognises a returning
 * visitor (R-V11), so the name and company can then be offered pre-filled.
 */
export function PhoneScreen(): React.JSX.Element {
  const t = useT();
  const phone = useKiosk((s) => s.draft.phone);
  const patch = useKiosk((s) => s.patch);
  const ref = useAutoFocus<HTMLInputElement>();
  const next = async (): Promise<void> => {
    if (!checkStep(['phone'])) return;
    const { draft, set, go } = useKiosk.getState();
    const returning = draft.name ? null : await findReturningByPhone(phone);
    set({ returning });
    go(returning ? 'returning' : 'name');
  };
  return (
    <QuestionScreen title={t('kiosk.phone.title')} onContinue={() => void next()} keyboard={{ kind: 'digits', value: phone, onChange: (v) => patch({ phone: v }), inputId: 'k-phone' }}>
      <TextField id="k-phone" label={t('kiosk.phone.label')} hint={t('kiosk.phone.hint')} value={phone} onChange={(v) => patch({ phone: v })} inputMode="tel" type="tel" autoComplete="off" inputRef={ref} />
    </QuestionScreen>
  );
}

/** "是您吗？王*明 138****8000": only masked data of the earlier visit is shown (K11, K17). */
export function ReturningScreen(): React.JSX.Element | null {
  const t = useT();
  const returning = useKiosk((s) => s.returning);
  const patch = useKiosk((s) => s.patch);
  const go = useKiosk((s) => s.go);
  if (!returning) return null;
  return (
    <>
      <main className="k-main">
        <h1 className="k-h1">{t('kiosk.returning.title')}</h1>
        <p className="k-lead">{t('kiosk.returning.lead')}</p>
        <p className="k-returning">
          <span lang="zh-CN">{maskName(returning.name)}</span> {maskPhone(returning.phone)}
        </p>
        <div className="k-choice-row">
          <button
            type="button"
            className="k-button k-primary"
            onClick={() => {
              patch({ name: returning.name, company: returning.company });
              go('name');
            }}
          >
            {t('kiosk.returning.yes')}
          </button>
          <button type="button" className="k-button k-secondary" onClick={() => go('name')}>
            {t('kiosk.returning.no')}
          </button>
        </div>
      </main>
      <NavBar />
    </>
  );
}

export function NameScreen(): React.JSX.Element {
  const t = useT();
  const name = useKiosk((s) => s.draft.name);
  const patch = useKiosk((s) => s.patch);
  const ref = useAutoFocus<HTMLInputElement>();
  return (
    <QuestionScreen
      title={t('kiosk.name.title')}
      keyboard={{ kind: 'pinyin', value: name, onChange: (v) => patch({ name: v }), inputId: 'k-name' }}
      onContinue={() => {
        if (checkStep(['name'])) useKiosk.getState().go('company');
      }}
    >
      <TextField id="k-name" label={t('kiosk.name.label')} hint={t('kiosk.name.hint')} value={name} onChange={(v) => patch({ name: v })} autoComplete="off" inputRef={ref} />
    </QuestionScreen>
  );
}

export function CompanyScreen(): React.JSX.Element {
  const t = useT();
  const company = useKiosk((s) => s.draft.company);
  const patch = useKiosk((s) => s.patch);
  const ref = useAutoFocus<HTMLInputElement>();
  return (
    <QuestionScreen
      title={t('kiosk.company.title')}
      keyboard={{ kind: 'pinyin', value: company, onChange: (v) => patch({ company: v }), inputId: 'k-company' }}
      onContinue={() => {
        if (checkStep(['company'])) useKiosk.getState().go('category');
      }}
    >
      <TextField id="k-company" label={t('kiosk.company.label')} hint={t('kiosk.company.hint')} value={company} onChange={(v) => patch({ company: v })} inputRef={ref} />
    </QuestionScreen>
  );
}
