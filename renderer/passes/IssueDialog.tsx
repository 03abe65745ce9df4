import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import type { Visit } from '../../shared/domain/visit';
import { Dialog } from '../console/Dialog';
import { Field } from '../console/Field';
import { AVAILABLE, issuePass } from '../db/passes';
import { db } from '../db/schema';
import { useT } from '../i18n';
import { call } from '../transport/api';
import { badgeRequest } from './print-store';
import { SignaturePad } from './SignaturePad';

interface Props {
  visit: Visit;
  actor: string;
  onClose: () => void;
}

/**
 * R-P1: a pass goes out only when a company employee signs for it, on the
 * pad or with their card. The badge is reprinted with the pass number on it.
 */
export function IssueDialog({ visit, actor, onClose }: Props): React.JSX.Element {
  const t = useT();
  const ids = useId();
  const available = useLiveQuery(async () => (await db.passes.orderBy('number').toArray()).filter((p) => AVAILABLE.has(p.state)), []);
  const [passId, setPassId] = useState('');
  const [employee, setEmployee] = useState('');
  const [card, setCard] = useState('');
  const [signature, setSignature] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'pass' | 'employee' | 'proof' | 'form', string>>>({});
  const chosen = passId || available?.[0]?.id || '';

  const submit = async (): Promise<void> => {
    const next: typeof errors = {};
    if (!chosen) next.pass = t('passes.issue.needPass');
    if (!employee.trim()) next.employee = t('passes.issue.needEmployee');
    if (!signature && !card.trim()) next.proof = t('passes.issue.needProof');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      const issue = await issuePass({ passId: chosen, visit, employeeName: employee, employeeCard: card, signature }, actor);
      // The badge shows the pass number (ux.md B4); printing never holds the desk up.
      void call('printing:printBadge', badgeRequest(visit, issue.passNumber, actor)).catch(() => undefined);
      onClose();
    } catch (err) {
      setErrors({ form: t('passes.issue.failed', { reason: err instanceof Error ? err.message : String(err) }) });
    }
  };

  return (
    <Dialog open title={t('passes.issue.title', { name: visit.name })} onClose={onClose}>
      <form
        className="dialog-body issue-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>{t('passes.issue.lead')}</p>
        {errors.form && (
          <p role="alert" className="field-error">
            {errors.form}
          </p>
        )}
        <Field id={`${ids}-pass`} label={t('passes.issue.pass')} error={errors.pass}>
          {(a11y) => (
            <select {...a11y} value={chosen} onChange={(e) => setPassId(e.target.value)}>
              {(available ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.number}
                </option>
              ))}
              {available?.length === 0 && <option value="">{t('passes.issue.noPass')}</option>}
            </select>
          )}
        </Field>
        <Field id={`${ids}-employee`} label={t('passes.issue.employee')} error={errors.employee}>
          {(a11y) => <input {...a11y} value={employee} autoComplete="off" onChange={(e) => {
                setEmployee(e.target.value);
                setErrors(({ employee: _fixed, ...rest }) => rest);
              }}
            />}
        </Field>
        <Field id={`${ids}-card`} label={t('passes.issue.card')} error={errors.proof}>
          {(a11y) => <input {...a11y} value={card} autoComplete="off" inputMode="numeric" onChange={(e) => {
                setCard(e.target.value);
                setErrors(({ proof: _fixed, ...rest }) => rest);
              }}
            />}
        </Field>
        <SignaturePad
          id={`${ids}-sig`}
          label={t('passes.issue.signature')}
          onChange={(png) => {
            setSignature(png);
            // A signature is proof enough: the "sign or show a card" message no longer applies.
            if (png) setErrors(({ proof: _fixed, ...rest }) => rest);
          }}
        />
        <div className="actions">
          <button type="submit" className="btn primary">
            {t('passes.issue.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
