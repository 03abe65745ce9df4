import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { searchStaff } from '../../shared/staff-search';
import { db } from '../db/schema';
import { useLocale, useT } from '../i18n';
import { hostLabel } from './format';

interface Props {
  hostId: string;
  onChange: (hostId: string) => void;
  error?: string;
  /** The id the error summary links to. */
  inputId: string;
}

/** Host search by Han name, full pinyin, initials ("zs") or department. */
export function HostPicker({ hostId, onChange, error, inputId }: Props): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const staff = useLiveQuery(() => db.staff.toArray(), []) ?? [];
  const [query, setQuery] = useState('');
  const listId = useId();
  const chosen = staff.find((s) => s.id === hostId);
  const hits = query ? searchStaff(staff, query, 8) : [];
  return (
    <div className="field">
      <label htmlFor={inputId}>{t('console.field.host')}</label>
      <p className="hint" id={`${inputId}-hint`}>
        {t('console.field.host.hint')}
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
          // Enter takes the best match so the operator never needs the mouse.
          if (e.key === 'Enter' && hits[0]) {
            e.preventDefault();
            onChange(hits[0].id);
            setQuery('');
          }
        }}
      />
      {chosen && (
        <p className="chosen" aria-live="polite">
          {t('console.field.host.chosen', { host: hostLabel(locale, chosen.name, locale === 'zh-CN' ? chosen.dept : chosen.deptEn), ext: chosen.ext })}
        </p>
      )}
      <ul id={listId} className="host-hits" aria-label={t('console.field.host.results')}>
        {hits.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="btn host-hit"
              onClick={() => {
                onChange(s.id);
                setQuery('');
              }}
            >
              {hostLabel(locale, s.name, locale === 'zh-CN' ? s.dept : s.deptEn)} · {s.ext}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
