import { FieldError, useDescribedBy } from './ErrorSummary';

interface Props {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  inputMode?: 'text' | 'numeric' | 'tel';
  type?: 'text' | 'tel';
  autoComplete?: string;
  lang?: string;
  inputRef?: React.Ref<HTMLInputElement>;
  className?: string;
}

/** A labelled kiosk input with hint and inline error (K13); never a placeholder as label (K6). */
export function TextField({ id, label, hint, value, onChange, inputMode = 'text', type = 'text', autoComplete = 'off', lang, inputRef, className }: Props): React.JSX.Element {
  const { describedBy, invalid } = useDescribedBy(id, Boolean(hint));
  return (
    <div className={`k-field${invalid ? ' k-field-invalid' : ''}`}>
      <label className="k-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="k-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError inputId={id} />
      <input
        id={id}
        ref={inputRef}
        className={`k-input${className ? ` ${className}` : ''}`}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        spellCheck={false}
        autoCapitalize="off"
        lang={lang}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
