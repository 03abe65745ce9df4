import { findUsableAppointment } from '../db/kiosk-queries';
import { useT } from '../i18n';
import { EMPTY_DRAFT } from '../../shared/domain/visitor-input';
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
  const submit = async (): Promise<void> => {
    const { setProblems, go, patch } = useKiosk.getState();
    if (!code.trim()) {
      setProblems([{ inputId: 'k-code', message: 'kiosk.code.empty' }]);
      return;
    }
    const found = await findUsableAppointment(code);
    if (!found) {
      setProblems([{ inputId: 'k-code', message: 'kiosk.code.notFound' }]);
      return;
    }
    const a = found.appointment;
    patch({ ...EMPTY_DRAFT, name: a.name, company: a.company, phone: a.phone, category: a.category, purpose: a.purpose, hostId: a.hostId, idType: a.idType, idNumber: a.idNumber });
    set({ appointment: a });
    go('appointment');
  };
  return (
    <QuestionScreen title={t('kiosk.code.title')} onContinue={() => void submit()}>
      <TextField id="k-code" label={t('kiosk.code.label')} hint={t('kiosk.code.hint')} value={code} onChange={(v) => set({ code: v })} inputMode="numeric" inputRef={ref} className="k-input-code" />
    </QuestionScreen>
  );
}
