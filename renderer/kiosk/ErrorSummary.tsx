import { useEffect, useRef } from 'react';
import { useT } from '../i18n';
import { useKiosk } from './store';

/**
 * K13: the summary at the top of a question screen. It takes focus when
 * problems appear so that the visitor (and a screen reader) lands on it.
 */
export function ErrorSummary(): React.JSX.Element | null {
  const t = useT();
  const problems = useKiosk((s) => s.problems);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length > 0) ref.current?.focus();
  }, [problems]);
  if (problems.length === 0) return null;
  return (
    <div className="k-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="k-summary-title">
      <h2 id="k-summary-title" className="k-summary-title">
        {t('error.summary')}
      </h2>
      <ul className="k-summary-list">
        {problems.map((p) => (
          <li key={p.inputId}>
            <button type="button" className="k-summary-link" onClick={() => document.getElementById(p.inputId)?.focus()}>
              {t(p.message)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The inline message next to a field; the same words as in the summary. */
export function FieldError({ inputId }: { inputId: string }): React.JSX.Element | null {
  const t = useT();
  const problem = useKiosk((s) => s.problems.find((p) => p.inputId === inputId));
  if (!problem) return null;
  return (
    <p className="k-field-error" id={`${inputId}-error`}>
      {t(problem.message)}
    </p>
  );
}

/** aria-describedby for an input: its hint and, when present, its error. */
export function useDescribedBy(inputId: string, hasHint: boolean): { describedBy: string | undefined; invalid: boolean } {
  const invalid = useKiosk((s) => s.problems.some((p) => p.inputId === inputId));
  const ids = [hasHint ? `${inputId}-hint` : '', invalid ? `${inputId}-error` : ''].filter(Boolean);
  return { describedBy: ids.length ? ids.join(' ') : undefined, invalid };
}
