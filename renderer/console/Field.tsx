import type { FieldProblem } from '../../shared/domain/visitor-input';
import { useEffect, useRef } from 'react';
import { hasMessage, useT } from '../i18n';

/** `field.<field>.<problem>` in the operator's language; unknown codes fall back to the raw code. */
export function useProblemText(): (p: FieldProblem) => string {
  const t = useT();
  return (p) => {
    const key = `field.${p.field}.${p.problem}`;
    return hasMessage(key) ? t(key) : key;
  };
}

interface Props {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: (a11y: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => React.ReactNode;
}

/** A label, an optional hint, the error by the field (GOV.UK pattern, ux.md C7) and the control. */
export function Field({ id, label, error, hint, children }: Props): React.JSX.Element {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
      {children({ id, ...(error ? { 'aria-invalid': true } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
    </div>
  );
}

interface SummaryProps {
  items: { id: string; text: string }[];
  /** Counts submits: focus moves to the summary once per submit, never while typing. */
  attempt: number;
}

/** The error summary at the top of a form; it takes focus only after a submit the operator made. */
export function ErrorSummary({ items, attempt }: SummaryProps): React.JSX.Element | null {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h3>{t('error.summary')}</h3>
      <ul>
        {items.map((i) => (
          <li key={i.id}>
            <a href={`#${i.id}`}>{i.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
