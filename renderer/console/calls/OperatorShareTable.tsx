import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { db } from '../../db/schema';
import { localDay } from '../../db/terms';
import { useT } from '../../i18n';
import { today } from '../format';
import { SHIFTS_KEY, readShifts } from './operator-log';
import { operatorShares } from './operator-share';
import { percent } from './stats';

const PERIODS = ['today', 'week', 'month'] as const;
type Period = (typeof PERIODS)[number];

function firstDay(p: Period): string {
  const d = new Date();
  if (p === 'week') d.setDate(d.getDate() - 6);
  if (p === 'month') d.setDate(1);
  return localDay(d);
}

/** The three-ring share per operator on shift (R-C4, R-M1): today, the last 7 days or this month. */
export function OperatorShareTable({ threshold }: { threshold: number }): React.JSX.Element {
  const t = useT();
  const id = useId();
  const [period, setPeriod] = useState<Period>('today');
  const from = firstDay(period);
  const calls =
    useLiveQuery(
      () => db.calls.where('day').between(from, today(), true, true).toArray(),
      [from],
    ) ?? [];
  // Re-read when the shift log changes (a handover while the screen is open).
  const stamp = useLiveQuery(() => db.meta.get(SHIFTS_KEY), [])?.value;
  const shifts = useLiveQuery(() => readShifts(), [stamp]) ?? [];
  const rows = operatorShares(calls, shifts, threshold, t('calls.share.nobody'));
  return (
    <section className="operator-share" aria-labelledby={`${id}-h`}>
      <div className="toolbar">
        <h3 id={`${id}-h`}>{t('calls.share.title', { sec: threshold })}</h3>
        <label>
          {t('calls.share.period')}{' '}
          <select
            value={period}
            onChange={(e) => setPeriod(PERIODS.find((p) => p === e.target.value) ?? 'today')}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`calls.share.period.${p}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="console-table" aria-labelledby={`${id}-h`}>
        <thead>
          <tr>
            <th scope="col">{t('calls.share.operator')}</th>
            <th scope="col" className="num right">
              {t('calls.share.incoming')}
            </th>
            <th scope="col" className="num right">
              {t('calls.share.within')}
            </th>
            <th scope="col" className="num right">
              {t('calls.share.unanswered')}
            </th>
            <th scope="col" className="num right">
              {t('calls.share.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.operator}>
              <th scope="row">{r.operator}</th>
              <td className="num right">{r.incoming}</td>
              <td className="num right">{r.withinThreshold}</td>
              <td className="num right">{r.unanswered}</td>
              <td className="num right">{percent(r.withinThreshold, r.incoming)}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={5} className="empty">
                {t('console.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
