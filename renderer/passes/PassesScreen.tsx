import { useLiveQuery } from 'dexie-react-hooks';
import { useActor } from '../console/ui-store';
import { dayTime } from '../console/format';
import { dueSheetDay } from '../db/handover';
import { db } from '../db/schema';
import { useSettings } from '../app-store';
import { useT } from '../i18n';
import '../styles/passes.css';
import { Handover } from './Handover';
import { OnSitePasses } from './OnSitePasses';
import { PassStock } from './PassStock';
import { PrinterSettings } from './PrinterSettings';
import { PrintJobs } from './PrintJobs';
import { usePassesUi } from './passes-ui';
import { calendarOf } from './schedule';

function HandoverBar(): React.JSX.Element {
  const t = useT();
  const settings = useSettings();
  const open = usePassesUi((s) => s.sheetDay);
  const due = dueSheetDay(new Date(), calendarOf(settings));
  const dueSheet = useLiveQuery(async () => (due ? ((await db.handoverSheets.where('day').equals(due).first()) ?? null) : null), [due]);
  const kept = useLiveQuery(() => db.handoverSheets.orderBy('day').reverse().limit(10).toArray(), []);
  return (
    <section className="passes-section no-print" aria-labelledby="handover-bar-title">
      <h2 id="handover-bar-title">{t('passes.handover.title')}</h2>
      {due && dueSheet === null ? (
        <p className="handover-due">
          {t('passes.handover.due', { day: due })}{' '}
          {open !== due && (
            <button type="button" className="btn primary" onClick={() => usePassesUi.getState().openSheet(due)}>
              {t('passes.handover.open')}
            </button>
          )}
        </p>
      ) : (
        <p className="sub">{t('passes.handover.none')}</p>
      )}
      {kept && kept.length > 0 && (
        <table className="console-table" aria-label={t('passes.handover.kept')}>
          <thead>
            <tr>
              <th scope="col">{t('passes.handover.day')}</th>
              <th scope="col">{t('passes.handover.number')}</th>
              <th scope="col">{t('passes.handover.signedAt')}</th>
              <th scope="col">{t('passes.handover.result')}</th>
              <th scope="col">{t('passes.jobs.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {kept.map((s) => (
              <tr key={s.id}>
                <td className="num">{s.day}</td>
                <td className="num">{s.finalNumber ?? s.number}</td>
                <td className="num">{dayTime(s.signedAt)}</td>
                <td>{t(s.mismatch ? 'passes.handover.resultMismatch' : 'passes.handover.resultMatch')}</td>
                <td>
                  <button type="button" className="btn small" onClick={() => usePassesUi.getState().openSheet(s.day)}>
                    {t('passes.handover.view')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The 访客证 tab: the handover sheet when one is open, badge printing, visitors on site, pass stock. */
export function PassesScreen(): React.JSX.Element {
  const actor = useActor();
  const sheetOpen = usePassesUi((s) => s.sheetDay !== null);
  return (
    <div className={`screen passes-screen${sheetOpen ? ' sheet-open' : ''}`}>
      <Handover actor={actor} />
      <HandoverBar />
      <div className="passes-grid no-print">
        <OnSitePasses actor={actor} />
        <PrintJobs />
        <PassStock actor={actor} />
        <PrinterSettings />
      </div>
    </div>
  );
}
