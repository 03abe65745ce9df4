import { useState } from 'react';
import type { PrintJobView } from '../../shared/api/printing';
import { hhmm } from '../console/format';
import { useT } from '../i18n';
import { call } from '../transport/api';
import { usePrintJobs } from './print-store';

/** Failed badges with a reprint button, and the last few jobs (R-X3: the desk reprints). */
export function PrintJobs(): React.JSX.Element {
  const t = useT();
  const jobs = usePrintJobs((s) => s.jobs);
  const [problem, setProblem] = useState('');
  const all = Object.values(jobs).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const failed = all.filter((j) => j.state === 'failed');
  const recent = all.filter((j) => j.state !== 'failed').slice(0, 5);
  const retry = (job: PrintJobView): void => {
    setProblem('');
    call('printing:retry', { jobId: job.id })
      .then((next) => usePrintJobs.getState().upsert(next))
      .catch((err: unknown) => setProblem(err instanceof Error ? err.message : String(err)));
  };
  const reason = (job: PrintJobView): string => (job.error ? t(`passes.jobs.error.${job.error.code}`) : '');
  return (
    <section className="passes-section" aria-labelledby="print-jobs-title">
      <h2 id="print-jobs-title">{t('passes.jobs.title')}</h2>
      <h3>{t('passes.jobs.failed')}</h3>
      {problem && <p role="alert" className="field-error">{problem}</p>}
      <table className="console-table" aria-label={t('passes.jobs.failed')}>
        <thead>
          <tr>
            <th scope="col">{t('passes.jobs.col.time')}</th>
            <th scope="col">{t('passes.jobs.col.visitor')}</th>
            <th scope="col">{t('passes.jobs.col.reason')}</th>
            <th scope="col">{t('passes.jobs.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {failed.map((j) => (
            <tr key={j.id}>
              <td className="num">{hhmm(j.updatedAt)}</td>
              <td>
                {j.visitorName} <span className="num sub">{j.badgeCode}</span>
              </td>
              <td>
                {reason(j)}
                {j.retryAt && <span className="sub"> · {t('passes.jobs.autoRetry', { time: hhmm(j.retryAt) })}</span>}
              </td>
              <td>
                <button type="button" className="btn small primary" aria-label={t('passes.jobs.retryOf', { name: j.visitorName })} onClick={() => retry(j)}>
                  {t('passes.jobs.retry')}
                </button>
              </td>
            </tr>
          ))}
          {failed.length === 0 && (
            <tr>
              <td colSpan={4} className="empty">
                {t('passes.jobs.noneFailed')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {recent.length > 0 && (
        <>
          <h3>{t('passes.jobs.recent')}</h3>
          <ul className="job-list" aria-label={t('passes.jobs.recent')}>
            {recent.map((j) => (
              <li key={j.id}>
                <span className="num">{hhmm(j.updatedAt)}</span> {j.visitorName} · {t(`passes.jobs.state.${j.state}`)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
