import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { db } from '../../db/schema';
import { useLocale, useT } from '../../i18n';
import { hostLabel } from '../format';
import { findStaff } from './directory-search';

interface Props {
  staffId: string;
  onChange: (staffId: string) => void;
  error?: string;
  inputId: string;
}

/** "For whom" of a message: directory search by name, pinyin, initials, department or extension; Enter takes the first hit. */
export function StaffPicker({ staffId, onChange, error, inputId }: Props): React.JSX.Element {
  const t = useT();
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
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={inputId}>{t('calls.msg.for')}</label>
      <p className="hint" id={`${inputId}-hint`}>
        {t('calls.msg.forHint')}
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
          {t('calls.msg.chosen', { who: hostLabel(locale, chosen.name, locale === 'zh-CN' ? chosen.dept : chosen.deptEn), ext: chosen.ext })}
        </p>
      )}
      <ul id={listId} className="host-hits" aria-label={t('calls.msg.forResults')}>
        {hits.map((s) => (
          <li key={s.id}>
            <button type="button" className="btn host-hit" onClick={() => pick(s.id)}>
              {hostLabel(locale, s.name, locale === 'zh-CN' ? s.dept : s.deptEn)} · {s.ext}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
