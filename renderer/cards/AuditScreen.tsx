import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ChainReport } from '../../shared/cards/audit-chain';
import { db } from '../db/schema';
import { useT } from '../i18n';
import { exportCardAudit, verifyCardAudit } from './audit-log';
import { download, useLocalTime } from './shared-ui';

/** The card audit trail (R-K5): append-only, hash-chained, verifiable here and with `npm run audit:verify`. */
export function AuditScreen(): React.JSX.Element {
  const t = useT();
  const time = useLocalTime();
  const entries =
    useLiveQuery(() => db.cardAudit.orderBy('at').reverse().limit(300).toArray(), []) ?? [];
  const [report, setReport] = useState<ChainReport | null>(null);
  const save = async (): Promise<void> =>
    download(
      `card-audit-${new Date().toISOString().slice(0, 10)}.json`,
      await exportCardAudit(),
      'application/json',
    );
  return (
    <section className="screen">
      <div className="toolbar">
        <h2>{t('cards.audit.title')}</h2>
        <button
          type="button"
          className="btn primary"
          onClick={() => void verifyCardAudit().then(setReport)}
        >
          {t('cards.audit.verify')}
        </button>
        <button type="button" className="btn" onClick={() => void save()}>
          {t('cards.audit.export')}
        </button>
      </div>
      {report && (
        <p
          className={report.ok ? 'notice ok' : 'notice warn'}
          role={report.ok ? 'status' : 'alert'}
        >
          {report.ok
            ? t('cards.audit.ok', { count: report.entries, chains: report.chains })
            : t('cards.audit.broken', {
                seq: report.firstBroken?.seq ?? 0,
                chain: report.firstBroken?.chain ?? '',
                reason: t(`cards.audit.reason.${report.firstBroken?.reason ?? 'hash'}`),
              })}
        </p>
      )}
      <div className="table-wrap tall">
        <table className="console-table" aria-label={t('cards.audit.title')}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('cards.audit.at')}</th>
              <th scope="col">{t('cards.audit.actor')}</th>
              <th scope="col">{t('cards.audit.action')}</th>
              <th scope="col">{t('cards.audit.detail')}</th>
              <th scope="col">{t('cards.audit.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="num">{e.seq}</td>
                <td className="num">{time(e.at)}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.detail}</td>
                <td className="num mono" title={e.hash}>
                  {e.hash.slice(0, 12)}…
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
