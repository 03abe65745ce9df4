import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState } from 'react';
import { VISIT_CATEGORIES, VISIT_STATES } from '../../shared/domain/visit';
import { maskIdNumber, maskPhone } from '../../shared/mask';
import { EMPTY_FILTER, registerPage, revealPii, type PiiField, type RegisterFilter } from '../db/console-queries';
import { useT } from '../i18n';
import { EmptyRow } from './Board';
import { download, registerCsv } from './csv';
import { dayTime, today } from './format';
import { useActor, useConsoleUi } from './ui-store';

const PAGE = 50;

/** The visitor register (R-V9): indexed search and filters, one page of rows in memory at a time. */
export function RegisterScreen(): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const base = useId();
  const [filter, setFilter] = useState<RegisterFilter>(EMPTY_FILTER);
  const [page, setPage] = useState(0);
  const [shown, setShown] = useState<Record<string, Partial<Record<PiiField, string>>>>({});
  const [busy, setBusy] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const searchRequest = useConsoleUi((s) => s.searchRequest);
  useEffect(() => {
    if (searchRequest === 0) return;
    searchRef.current?.focus();
    useConsoleUi.getState().searchDone();
  }, [searchRequest]);
  const result = useLiveQuery(() => registerPage(filter, page, PAGE), [filter, page]);
  const update = <K extends keyof RegisterFilter>(k: K, v: RegisterFilter[K]): void => {
    setFilter((f) => ({ ...f, [k]: v }));
    setPage(0);
  };
  const reveal = async (visitId: string, field: PiiField): Promise<void> => {
    const value = await revealPii(visitId, field, actor);
    setShown((s) => ({ ...s, [visitId]: { ...s[visitId], [field]: value } }));
  };
  const exportCsv = async (): Promise<void> => {
    setBusy(true);
    try {
      download(`visitor-register-${today()}.csv`, await registerCsv(filter, t));
    } finally {
      setBusy(false);
    }
  };
  const id = (s: string): string => `${base}-${s}`;
  return (
    <div className="screen register">
      <div className="filters" role="search" aria-label={t('console.register.filters')}>
        <div className="field">
          <label htmlFor={id('q')}>{t('console.register.search')}</label>
          <input id={id('q')} ref={searchRef} type="search" aria-keyshortcuts="Control+K" spellCheck={false} value={filter.query} placeholder={t('console.register.search.placeholder')} onChange={(e) => update('query', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id('from')}>{t('console.register.from')}</label>
          <input id={id('from')} type="date" value={filter.from} onChange={(e) => update('from', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id('to')}>{t('console.register.to')}</label>
          <input id={id('to')} type="date" value={filter.to} onChange={(e) => update('to', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id('host')}>{t('console.register.host')}</label>
          <input id={id('host')} value={filter.host} onChange={(e) => update('host', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id('cat')}>{t('console.col.category')}</label>
          <select id={id('cat')} value={filter.category} onChange={(e) => update('category', VISIT_CATEGORIES.find((c) => c === e.target.value) ?? '')}>
            <option value="">{t('console.all')}</option>
            {VISIT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('state')}>{t('console.col.state')}</label>
          <select id={id('state')} value={filter.state} onChange={(e) => update('state', VISIT_STATES.find((c) => c === e.target.value) ?? '')}>
            <option value="">{t('console.all')}</option>
            {VISIT_STATES.map((c) => (
              <option key={c} value={c}>
                {t(`state.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn" disabled={busy} onClick={() => void exportCsv()}>
          {t('console.register.export')}
        </button>
      </div>
      <div className="table-wrap tall">
        <table className="console-table" aria-label={t('console.tab.register')}>
          <thead>
            <tr>
              <th scope="col">{t('console.col.name')}</th>
              <th scope="col">{t('console.col.company')}</th>
              <th scope="col">{t('console.col.phone')}</th>
              <th scope="col">{t('console.col.idNumber')}</th>
              <th scope="col">{t('console.col.purpose')}</th>
              <th scope="col">{t('console.col.host')}</th>
              <th scope="col">{t('console.col.in')}</th>
              <th scope="col">{t('console.col.out')}</th>
              <th scope="col">{t('console.col.badge')}</th>
              <th scope="col">{t('console.col.handledBy')}</th>
            </tr>
          </thead>
          <tbody>
            {(result?.rows ?? []).map((v) => (
              <tr key={v.id}>
                <td>{v.name}</td>
                <td className="clip" title={v.company}>
                  {v.company || '--'}
                </td>
                <td className="num">
                  {shown[v.id]?.phone ?? maskPhone(v.phone)}
                  {shown[v.id]?.phone === undefined && v.phone && (
                    <button type="button" className="btn link" aria-label={t('console.register.unmaskPhone', { name: v.name })} onClick={() => void reveal(v.id, 'phone')}>
                      {t('console.register.unmask')}
                    </button>
                  )}
                </td>
                <td className="num">
                  {shown[v.id]?.idNumber ?? maskIdNumber(v.idNumber)}
                  {shown[v.id]?.idNumber === undefined && v.idNumber && (
                    <button type="button" className="btn link" aria-label={t('console.register.unmaskId', { name: v.name })} onClick={() => void reveal(v.id, 'idNumber')}>
                      {t('console.register.unmask')}
                    </button>
                  )}
                </td>
                <td className="clip" title={v.purpose}>
                  {t(`category.${v.category}`)}
                  {v.purpose && <span className="sub"> · {v.purpose}</span>}
                </td>
                <td className="clip" title={`${v.hostName} · ${v.hostDept}`}>
                  {v.hostName}
                  <span className="sub"> · {v.hostDept}</span>
                </td>
                <td className="num">{dayTime(v.signedInAt)}</td>
                <td className="num">{dayTime(v.signedOutAt)}</td>
                <td className="num">{v.badgeCode}</td>
                <td>
                  {v.signedInBy ?? '--'} / {v.signedOutBy ?? '--'}
                </td>
              </tr>
            ))}
            {result?.rows.length === 0 && <EmptyRow cols={10} />}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={t('console.register.pages')}>
        <button type="button" className="btn" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
          {t('console.register.prev')}
        </button>
        <span className="num">{t('console.register.page', { n: page + 1 })}</span>
        <button type="button" className="btn" disabled={!result?.more} onClick={() => setPage((p) => p + 1)}>
          {t('console.register.next')}
        </button>
      </nav>
    </div>
  );
}
