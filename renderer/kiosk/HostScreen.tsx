import { useEffect, useState } from 'react';
import type { Staff } from '../../shared/domain/visit';
import { isHostQueryReady, searchStaff } from '../../shared/staff-search';
import { loadStaff } from '../db/kiosk-queries';
import { useLocale, useT } from '../i18n';
import { FieldError, useDescribedBy } from './ErrorSummary';
import { checkStep } from './finish';
import { QuestionScreen } from './Layout';
import { staffDirectory, useKiosk } from './store';
import { useAutoFocus } from './useAutoFocus';

const MAX_RESULTS = 5;

/**
 * K12: a search, not a staff list. Results appear only for a specific enough
 * query, at most five, with name and department only (no extension or mobile).
 */
export function HostScreen(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const query = useKiosk((s) => s.hostQuery);
  const hostId = useKiosk((s) => s.draft.hostId);
  const set = useKiosk((s) => s.set);
  const patch = useKiosk((s) => s.patch);
  const [staff, setStaff] = useState<Staff[]>([]);
  const ref = useAutoFocus<HTMLInputElement>();
  const { describedBy, invalid } = useDescribedBy('k-host-query', true);
  useEffect(() => {
    let live = true;
    void staffDirectory(loadStaff).then((s) => {
      if (live) setStaff(s);
    });
    return () => {
      live = false;
    };
  }, []);
  const ready = isHostQueryReady(query);
  const results = ready ? searchStaff(staff, query, MAX_RESULTS) : [];
  return (
    <QuestionScreen
      title={t('kiosk.host.title')}
      keyboard={{ kind: 'pinyin', value: query, onChange: (v) => set({ hostQuery: v }), inputId: 'k-host-query' }}
      onContinue={() => {
        if (checkStep(['hostId'])) useKiosk.getState().go('id');
      }}
    >
      <div className={`k-field${invalid ? ' k-field-invalid' : ''}`}>
        <label className="k-label" htmlFor="k-host-query">
          {t('kiosk.host.label')}
        </label>
        <p className="k-hint" id="k-host-query-hint">
          {t('kiosk.host.hint')}
        </p>
        <FieldError inputId="k-host-query" />
        <input
          id="k-host-query"
          ref={ref}
          className="k-input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          value={query}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => set({ hostQuery: e.target.value })}
        />
      </div>
      <div className="k-results-area">
        {ready && results.length === 0 ? <p className="k-hint">{t('kiosk.host.none')}</p> : null}
        {results.length > 0 ? (
          <ul className="k-results" aria-label={t('kiosk.host.results')}>
            {results.map((s) => (
              <li key={s.id}>
                <button type="button" className={`k-result${s.id === hostId ? ' k-result-on' : ''}`} aria-pressed={s.id === hostId} onClick={() => patch({ hostId: s.id })}>
                  <span lang="zh-CN">{s.name}</span>
                  {' · '}
                  <span>{locale === 'zh-CN' ? s.dept : s.deptEn}</span>
                  {s.id === hostId ? <span className="k-result-mark">✓ {t('kiosk.host.selected')}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </QuestionScreen>
  );
}
