import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Visit } from '../../shared/domain/visit';
import { hhmm } from '../console/format';
import { openIssueOf, returnPass } from '../db/passes';
import { db } from '../db/schema';
import { useT } from '../i18n';
import { call } from '../transport/api';
import { IssueDialog } from './IssueDialog';
import { badgeRequest } from './print-store';

/** Visitors on site, each with its badge reprint and its machine-room pass (R-P1, R-V6). */
export function OnSitePasses({ actor }: { actor: string }): React.JSX.Element {
  const t = useT();
  const [issuing, setIssuing] = useState<Visit | null>(null);
  const [sent, setSent] = useState('');
  const rows = useLiveQuery(async () => {
    const visits = await db.visits.where('state').equals('onSite').toArray();
    visits.sort((a, b) => (b.signedInAt ?? '').localeCompare(a.signedInAt ?? ''));
    return Promise.all(visits.map(async (visit) => ({ visit, issue: await openIssueOf(visit.id) })));
  }, []);
  const reprint = (visit: Visit, passNumber: string | null): void => {
    call('printing:printBadge', badgeRequest(visit, passNumber, actor))
      .then(() => setSent(t('passes.reprinted', { name: visit.name })))
      .catch((err: unknown) => setSent(err instanceof Error ? err.message : String(err)));
  };
  return (
    <section className="passes-section" aria-labelledby="onsite-passes-title">
      <h2 id="onsite-passes-title">{t('passes.visits.title')}</h2>
      <p role="status" className="sub">
        {sent}
      </p>
      <table className="console-table" aria-label={t('passes.visits.title')}>
        <thead>
          <tr>
            <th scope="col">{t('console.col.name')}</th>
            <th scope="col">{t('console.col.company')}</th>
            <th scope="col">{t('console.col.in')}</th>
            <th scope="col">{t('console.col.badge')}</th>
            <th scope="col">{t('passes.visits.pass')}</th>
            <th scope="col">{t('passes.jobs.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(rows ?? []).map(({ visit, issue }) => (
            <tr key={visit.id}>
              <td>{visit.name}</td>
              <td>{visit.company || '--'}</td>
              <td className="num">{hhmm(visit.signedInAt)}</td>
              <td className="num">{visit.badgeCode}</td>
              <td className="num">{issue ? `${issue.passNumber} · ${issue.employeeName}` : '--'}</td>
              <td className="row-actions">
                <button type="button" className="btn small" aria-label={t('passes.reprintOf', { name: visit.name })} onClick={() => reprint(visit, issue?.passNumber ?? null)}>
                  {t('passes.reprint')}
                </button>
                {issue ? (
                  <button
                    type="button"
                    className="btn small"
                    aria-label={t('passes.returnOf', { name: visit.name, number: issue.passNumber })}
                    onClick={() => void returnPass(issue.id, actor)}
                  >
                    {t('passes.return')}
                  </button>
                ) : (
                  <button type="button" className="btn small primary" aria-label={t('passes.issueOf', { name: visit.name })} onClick={() => setIssuing(visit)}>
                    {t('passes.issue')}
                  </button>
                )}
              </td>
            </tr>
          ))}
          {rows?.length === 0 && (
            <tr>
              <td colSpan={6} className="empty">
                {t('passes.visits.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {issuing && <IssueDialog visit={issuing} actor={actor} onClose={() => setIssuing(null)} />}
    </section>
  );
}
