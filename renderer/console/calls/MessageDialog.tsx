import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { URGENCIES, type Urgency } from '../../../shared/domain/switchboard';
import { db } from '../../db/schema';
import { useT, type MessageKey } from '../../i18n';
import { Dialog } from '../Dialog';
import { ErrorSummary, Field } from '../Field';
import { useActor } from '../ui-store';
import { takeMessage } from './actions';
import { StaffPicker } from '../StaffPicker';
import { useSwitchboard } from './switchboard-ui';

type FieldName = 'forStaffId' | 'content';

/** 电话记录 (R-C6): caller, number, for whom, content, urgency. Opened by F6 or from a call. */
export function MessageDialog(): React.JSX.Element | null {
  const draft = useSwitchboard((s) => s.messageDraft);
  const close = useSwitchboard((s) => s.closeMessage);
  if (!draft) return null;
  // Keyed by the draft so a new F6 starts a clean form.
  return <MessageForm key={`${draft.callerNumber}|${draft.forStaffId}`} initial={draft} onClose={close} />;
}

function MessageForm({ initial, onClose }: { initial: { callerName: string; callerNumber: string; forStaffId: string }; onClose: () => void }): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const base = useId();
  const [callerName, setCallerName] = useState(initial.callerName);
  const [callerNumber, setCallerNumber] = useState(initial.callerNumber);
  const [forStaffId, setFor] = useState(initial.forStaffId);
  const [content, setContent] = useState('');
  const [urgency, setUrgency] = useState<Urgency>('normal');
  const [problems, setProblems] = useState<{ field: FieldName; key: MessageKey }[]>([]);
  const [attempt, setAttempt] = useState(0);
  const forStaff = useLiveQuery(() => (forStaffId ? db.staff.get(forStaffId) : undefined), [forStaffId]);
  const fid = (f: string): string => `${base}-${f}`;
  const err = (f: FieldName): string | undefined => {
    const p = problems.find((x) => x.field === f);
    return p ? t(p.key) : undefined;
  };
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const found: { field: FieldName; key: MessageKey }[] = [];
    if (!forStaff) found.push({ field: 'forStaffId', key: 'calls.msg.error.for' });
    if (!content.trim()) found.push({ field: 'content', key: 'calls.msg.error.content' });
    setProblems(found);
    if (found.length > 0 || !forStaff) return;
    await takeMessage({ callerName: callerName.trim(), callerNumber: callerNumber.trim(), forStaff, content: content.trim(), urgency }, actor);
    onClose();
  };
  return (
    <Dialog open title={t('calls.msg.title')} onClose={onClose}>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary attempt={attempt} items={problems.map((p) => ({ id: fid(p.field), text: t(p.key) }))} />
        <div className="row">
          <Field id={fid('callerName')} label={t('calls.msg.caller')}>
            {(a) => <input {...a} value={callerName} autoFocus spellCheck={false} onChange={(e) => setCallerName(e.target.value)} />}
          </Field>
          <Field id={fid('callerNumber')} label={t('calls.msg.number')}>
            {(a) => <input {...a} type="tel" value={callerNumber} onChange={(e) => setCallerNumber(e.target.value)} />}
          </Field>
        </div>
        <StaffPicker purpose="messageFor" staffId={forStaffId} onChange={setFor} inputId={fid('forStaffId')} error={err('forStaffId')} />
        <Field id={fid('content')} label={t('calls.msg.content')} error={err('content')}>
          {(a) => <textarea {...a} rows={3} value={content} onChange={(e) => setContent(e.target.value)} />}
        </Field>
        <fieldset className="field">
          <legend>{t('calls.msg.urgency')}</legend>
          {URGENCIES.map((u) => (
            <label key={u} className="inline-check">
              <input type="radio" className="check" name={fid('urgency')} checked={urgency === u} onChange={() => setUrgency(u)} /> {t(`calls.urgency.${u}`)}
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="btn primary">
            {t('calls.msg.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
