import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { db } from '../db/schema';
import { useLocale, useT } from '../i18n';
import { findStaff } from './calls/directory-search';
import { hostLabel } from './format';

/** The words around the picker: the host of a visit, or whom a phone message is for. */
const TEXTS = {
  host: {
    label: 'console.field.host',
    hint: 'console.field.host.hint',
    results: 'console.field.host.results',
    chosen: 'console.field.host.chosen',
  },
  messageFor: {
    label: 'calls.msg.for',
    hint: 'calls.msg.forHint',
    results: 'calls.msg.forResults',
    chosen: 'calls.msg.chosen',
  },
} as const;

interface Props {
  staffId: string;
  onChange: (staffId: string) => void;
  /** Which form it serves: its label, hint and confirmation text. */
  purpose: keyof typeof TEXTS;
  error?: string;
  /** The id the error summary links to. */
  inputId: string;
}

/**
 * Picks one staff member by Han name, full pinyin, initials ("zs"),
 * department, extension or mobile digits (the directory's search); Enter
 * takes the best match so the operator never needs the mouse.
 */
export function StaffPicker({
  staffId,
  onChange,
  purpose,
  error,
  inputId,
}: Props): React.JSX.Element {
  const t = useT();
  const texts = TEXTS[purpose];
  const locale = useLocale((s) => s.locale);
  const staff = useLiveQuery(() => db.staff.toArray(), []) ?? [];
  const [query, setQuery] = useState('');
  const listId = useId();
  const chosen = staff.find((s) => s.id === staffId);
  const hits = query ? findStaff(staff, query, 8) : [];
  const pick = (id: string): void => {
    onChange(id);
    setQuery('');
  };
  const label = (s: (typeof staff)[number]): string =>
    hostLabel(locale, s.name, locale === 'zh-CN' ? s.dept : s.deptEn);
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={inputId}>{t(texts.label)}</label>
      <p className="hint" id={`${inputId}-hint`}>
        {t(texts.hint)}
      </p>
      {error && (
        <p className="field-error" id={`${inputId}-err`}>
          {error}
        </p>
      )}
      <input
        id={inputId}
        value={query}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${inputId}-hint${error ? ` ${inputId}-err` : ''}`}
        aria-controls={listId}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && hits[0]) {
            e.preventDefault();
            pick(hits[0].id);
          }
        }}
      />
      {chosen && (
        <p className="chosen" aria-live="polite">
          {t(texts.chosen, { host: label(chosen), who: label(chosen), ext: chosen.ext })}
        </p>
      )}
      <ul id={listId} className="host-hits" aria-label={t(texts.results)}>
        {hits.map((s) => (
          <li key={s.id}>
            <button type="button" className="btn host-hit" onClick={() => pick(s.id)}>
              {label(s)} · {s.ext}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
