import { useApp } from '../app-store';
import { useLocale, useT } from '../i18n';
import { EmptyRow } from './Board';
import { useBoardData } from './board-data';
import { dayTime, hhmm } from './format';

/** Who is in the building now (R-V10), printable at once as an A4 roll call. */
export function OnSiteScreen(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const company = useApp((s) => (locale === 'zh-CN' ? s.info?.settings.companyName : s.info?.settings.companyNameEn));
  const data = useBoardData();
  const people = data?.onSite ?? [];
  const held = people.filter((v) => v.state === 'held').length;
  return (
    <div className="screen onsite">
      <div className="toolbar no-print">
        <h2>
          {t('console.onSite.title')} <span className="count" data-testid="onsite-count">{people.length}</span>
        </h2>
        <p className="sub">{t('console.onSite.summary', { onSite: people.length - held, held })}</p>
        <button type="button" className="btn primary" onClick={() => window.print()}>
          {t('console.onSite.print')}
        </button>
      </div>
      <h2 className="print-only">{t('console.onSite.printTitle', { company: company ?? '', time: dayTime(new Date().toISOString()), n: people.length })}</h2>
      <div className="table-wrap tall">
        <table className="console-table rollcall" aria-label={t('console.onSite.title')}>
          <thead>
            <tr>
              <th scope="col">{t('console.col.name')}</th>
              <th scope="col">{t('console.col.company')}</th>
              <th scope="col">{t('console.col.host')}</th>
              <th scope="col">{t('console.col.in')}</th>
              <th scope="col">{t('console.col.badge')}</th>
              <th scope="col" className="print-only">{t('console.onSite.safe')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((v) => (
              <tr key={v.id}>
                <td>
                  {v.name}
                  {v.state === 'held' && <span className="tag no-print">{t('state.held')}</span>}
                </td>
                <td>{v.company || '--'}</td>
                <td>
                  {v.hostName} · {v.hostDept} · {v.hostExt}
                </td>
                <td className="num">{hhmm(v.signedInAt ?? v.createdAt)}</td>
                <td className="num">{v.badgeCode}</td>
                <td className="print-only box" aria-hidden="true">☐</td>
              </tr>
            ))}
            {people.length === 0 && <EmptyRow cols={6} />}
          </tbody>
        </table>
      </div>
    </div>
  );
}
