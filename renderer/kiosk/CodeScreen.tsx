import { useT } from '../i18n';
import { submitCode } from './actions';
import { QuestionScreen } from './Layout';
import { useKiosk } from './store';
import { TextField } from './TextField';
import { useAutoFocus } from './useAutoFocus';

/** R-V3: the appointment code, typed or scanned (a wedge scanner types it plus Enter). */
export function CodeScreen(): React.JSX.Element {
  const t = useT();
  const code = useKiosk((s) => s.code);
  const set = useKiosk((s) => s.set);
  const ref = useAutoFocus<HTMLInputElement>();
  return (
    <QuestionScreen title={t('kiosk.code.title')} onContinue={() => void submitCode()} keyboard={{ kind: 'digits', value: code, onChange: (v) => set({ code: v }), inputId: 'k-code' }}>
      <TextField id="k-code" label={t('kiosk.code.label')} hint={t('kiosk.code.hint')} value={code} onChange={(v) => set({ code: v })} inputMode="numeric" inputRef={ref} className="k-input-code" />
    </QuestionScreen>
  );
}
