import { useId, useState } from 'react';
import { ID_TYPES, NDA_CATEGORIES, VISIT_CATEGORIES, type IdType } from '../../shared/domain/visit';
import { EMPTY_DRAFT, cleanVisitor, type DraftField, type FieldProblem, type VisitorDraft } from '../../shared/domain/visitor-input';
import { signIn, type SignInOutcome } from '../db/visits';
import { useT } from '../i18n';
import { Dialog } from './Dialog';
import { ErrorSummary, Field, useProblemText } from './Field';
import { StaffPicker } from './StaffPicker';
import { notifyHost } from './notify';
import { useActor } from './ui-store';

interface Props {
  onClose: () => void;
  onDone: (outcome: SignInOutcome) => void;
}

/** Marks a paper NDA signed at the desk: the kiosk stores a drawn signature instead. */
const PAPER_NDA = 'paper';

/** Desk sign-in of a walk-in (R-V4 at the console): same checks as the kiosk, typed text kept on error. */
export function DeskSignIn({ onClose, onDone }: Props): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const problemText = useProblemText();
  const base = useId();
  const [draft, setDraft] = useState<VisitorDraft>(EMPTY_DRAFT);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof VisitorDraft>(k: K, v: VisitorDraft[K]): void => setDraft((d) => ({ ...d, [k]: v }));
  const fid = (f: DraftField): string => `${base}-${f}`;
  const errorOf = (f: DraftField): string | undefined => {
    const p = problems.find((x) => x.field === f);
    return p ? problemText(p) : undefined;
  };
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const result = cleanVisitor(draft);
    setAttempt((n) => n + 1);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      const outcome = await signIn({ visitor: result.value, appointment: null, actor });
      if (outcome.kind === 'signedIn') notifyHost(outcome.visit);
      onDone(outcome);
      onClose();
    } finally {
      setBusy(false);
    }
  };
  const nda = draft.category !== '' && NDA_CATEGORIES.has(draft.category);
  return (
    <Dialog open title={t('console.signIn.title')} onClose={onClose}>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary attempt={attempt} items={problems.map((p) => ({ id: fid(p.field), text: problemText(p) }))} />
        <Field id={fid('name')} label={t('console.field.name')} error={errorOf('name')}>
          {(a) => <input {...a} value={draft.name} autoComplete="name" spellCheck={false} onChange={(e) => set('name', e.target.value)} />}
        </Field>
        <div className="row">
          <Field id={fid('phone')} label={t('console.field.phone')} error={errorOf('phone')}>
            {(a) => <input {...a} type="tel" autoComplete="tel" value={draft.phone} onChange={(e) => set('phone', e.target.value)} />}
          </Field>
          <Field id={fid('company')} label={t('console.field.company')} error={errorOf('company')}>
            {(a) => <input {...a} value={draft.company} autoComplete="organization" onChange={(e) => set('company', e.target.value)} />}
          </Field>
        </div>
        <div className="row">
          <Field id={fid('category')} label={t('console.field.category')} error={errorOf('category')}>
            {(a) => (
              <select {...a} value={draft.category} onChange={(e) => set('category', VISIT_CATEGORIES.find((c) => c === e.target.value) ?? '')}>
                <option value="">{t('console.choose')}</option>
                {VISIT_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`category.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={fid('purpose')} label={t('console.field.purpose')} error={errorOf('purpose')}>
            {(a) => <input {...a} value={draft.purpose} onChange={(e) => set('purpose', e.target.value)} />}
          </Field>
        </div>
        <StaffPicker purpose="host" inputId={fid('hostId')} staffId={draft.hostId} error={errorOf('hostId')} onChange={(id) => set('hostId', id)} />
        <div className="row">
          <Field id={fid('idType')} label={t('console.field.idType')}>
            {(a) => (
              <select {...a} value={draft.idType} onChange={(e) => set('idType', ID_TYPES.find((x) => x === e.target.value) ?? ('resident' satisfies IdType))}>
                {ID_TYPES.map((x) => (
                  <option key={x} value={x}>
                    {t(`idType.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={fid('idNumber')} label={t('console.field.idNumber')} error={errorOf('idNumber')}>
            {(a) => <input {...a} value={draft.idNumber} spellCheck={false} autoComplete="off" onChange={(e) => set('idNumber', e.target.value)} />}
          </Field>
        </div>
        <Field id={fid('consent')} label={t('console.field.consent')} error={errorOf('consent')}>
          {(a) => <input {...a} type="checkbox" className="check" checked={draft.consent} onChange={(e) => set('consent', e.target.checked)} />}
        </Field>
        {nda && (
          <Field id={fid('ndaSignature')} label={t('console.field.ndaPaper')} error={errorOf('ndaSignature')}>
            {(a) => (
              <input {...a} type="checkbox" className="check" checked={draft.ndaSignature === PAPER_NDA} onChange={(e) => set('ndaSignature', e.target.checked ? PAPER_NDA : null)} />
            )}
          </Field>
        )}
        <div className="actions">
          <button type="submit" className="btn primary" disabled={busy}>
            {t('console.signIn.submit')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('console.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

