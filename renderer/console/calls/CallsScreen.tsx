import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useState } from 'react';
import { CALL_DIRECTIONS, type CallDirection } from '../../../shared/domain/call';
import { db } from '../../db/schema';
import { useT } from '../../i18n';
import { today } from '../format';
import { LOG_LIMIT, mergeArrived, storedAmong, useArrivedCalls, useArrivedView } from './arrived-calls';
import { CallbackList } from './CallbackList';
import { CallerCard } from './CallerCard';
import { CallLog } from './CallLog';
import { useCallerIndex } from './lookup';
import { normalizeNumber } from './numbers';
import { OperatorShareTable } from './OperatorShareTable';
import { PbxPanel, PbxStatusLine } from './PbxPanel';
import { ScriptsPanel } from './ScriptsPanel';
import { dayFigures, percent } from './stats';
import { useSwitchboard } from './switchboard-ui';
import { useRingThreshold } from './threshold';

interface Filter {
  direction: CallDirection | '';
  ext: string;
  missedOnly: boolean;
}

function Figures({ threshold, setThreshold }: { threshold: number; setThreshold: (sec: number) => void }): React.JSX.Element {
  const t = useT();
  const id = useId();
  const todays = useLiveQuery(() => db.calls.where('day').equals(today()).toArray(), []) ?? [];
  const f = dayFigures(todays, threshold);
  return (
    <div className="call-figures" role="group" aria-label={t('calls.figures')}>
      <p>
        {t('calls.fig.today')} <strong className="num">{f.total}</strong>
      </p>
      <p>
        {t('calls.fig.answered')} <strong className="num">{f.answered}</strong>
      </p>
      <p data-testid="within-share">
        {t('calls.fig.within', { sec: threshold })}{' '}
        <strong className="num">{percent(f.withinThreshold, f.incoming)}</strong>
        <span className="sub num">
          {' '}
          ({f.withinThreshold}/{f.incoming})
        </span>
      </p>
      <p className={f.unanswered > 0 ? 'warn-figure' : ''}>
        {t('calls.fig.unanswered')} <strong className="num">{f.unanswered}</strong>
      </p>
      <div className="threshold">
        <label htmlFor={id}>{t('calls.threshold')}</label>
        <input
          id={id}
          type="number"
          min={5}
          max={60}
          value={threshold}
          onChange={(e) => setThreshold(Number(e.target.value))}
        />
      </div>
      <PbxStatusLine />
    </div>
  );
}

/** The switchboard's call screen: log, screen pop, scripts, call-backs and the PBX link (R-C1…R-C7, R-O3). */
export function CallsScreen(): React.JSX.Element {
  const t = useT();
  const id = useId();
  const stored = useLiveQuery(() => db.calls.orderBy('seq').reverse().limit(LOG_LIMIT).toArray(), []);
  // Calls announced by the PBX service are shown from the event until their stored rows land (issue 4).
  useArrivedView();
  const arrived = useArrivedCalls((s) => s.calls);
  const live = useMemo(() => (stored === undefined ? undefined : mergeArrived(stored, arrived, LOG_LIMIT)), [stored, arrived]);
  useEffect(() => {
    if (stored === undefined) return;
    const landed = storedAmong(stored, arrived);
    if (landed.size > 0) useArrivedCalls.getState().settle(landed);
  }, [stored, arrived]);
  const tariffs = useLiveQuery(() => db.tariffs.toArray(), []) ?? [];
  const index = useCallerIndex();
  const selectedId = useSwitchboard((s) => s.selectedCallId);
  const [f, setF] = useState<Filter>({ direction: '', ext: '', missedOnly: false });
  const shown = useMemo(
    () =>
      (live ?? []).filter(
        (c) =>
          (!f.direction || c.direction === f.direction) &&
          (!f.ext || c.ext === f.ext.trim() || normalizeNumber(c.number).endsWith(f.ext.trim())) &&
          (!f.missedOnly || (c.unanswered && c.direction === 'in')),
      ),
    [live, f],
  );
  const selected = (live ?? []).find((c) => c.id === selectedId) ?? null;
  const [threshold, setThreshold] = useRingThreshold();
  return (
    <div className="screen calls-screen">
      <Figures threshold={threshold} setThreshold={setThreshold} />
      <div className="calls-grid">
        <div className="calls-main-col">
          <section className="calls-log" aria-labelledby={`${id}-h`}>
            <div className="toolbar">
              <h2 id={`${id}-h`}>{t('calls.log')}</h2>
              <div className="filters">
                <label>
                  {t('calls.col.direction')}{' '}
                  <select
                    value={f.direction}
                    onChange={(e) =>
                      setF({
                        ...f,
                        direction: CALL_DIRECTIONS.find((d) => d === e.target.value) ?? '',
                      })
                    }
                  >
                    <option value="">{t('console.all')}</option>
                    {CALL_DIRECTIONS.map((d) => (
                      <option key={d} value={d}>
                        {t(`calls.direction.${d}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('calls.filter.ext')}{' '}
                  <input
                    value={f.ext}
                    inputMode="numeric"
                    onChange={(e) => setF({ ...f, ext: e.target.value })}
                  />
                </label>
                <label className="inline-check">
                  <input
                    type="checkbox"
                    className="check"
                    checked={f.missedOnly}
                    onChange={(e) => setF({ ...f, missedOnly: e.target.checked })}
                  />{' '}
                  {t('calls.filter.missed')}
                </label>
              </div>
            </div>
            <CallLog calls={shown} index={index} tariffs={tariffs} />
          </section>
          <CallbackList index={index} />
          <OperatorShareTable threshold={threshold} />
        </div>
        <aside className="calls-side">
          <CallerCard call={selected} index={index} />
          <ScriptsPanel />
          <PbxPanel />
        </aside>
      </div>
    </div>
  );
}
