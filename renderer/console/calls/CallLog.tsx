import { useCallback, useEffect, useState } from 'react';
import type { StoredCall, Tariff } from '../../../shared/domain/switchboard';
import { useLocale, useT } from '../../i18n';
import { hostLabel } from '../format';
import { matchOf, useVisitorMatches, type CallerIndex } from './lookup';
import { clockOf, duration } from './numbers';
import { callCost, yuan } from './rating';
import { useArrivedCalls } from './arrived-calls';
import { useSwitchboard } from './switchboard-ui';
import { VirtualRows } from '../../components/VirtualRows';

interface Props {
  calls: readonly StoredCall[];
  index: CallerIndex;
  tariffs: readonly Tariff[];
}

const COLS = 10;
const key = (c: StoredCall): string => c.id;
/** A row counts as new for 8 s after it arrived: long enough to notice, short enough not to nag. */
const NEW_MS = 8000;

/** A clock that ticks every `ms`, so the new-row highlight fades without impure renders. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}

/** The live call log (R-C1, R-C4): newest first, one selection kept by id. */
export function CallLog({ calls, index, tariffs }: Props): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const selected = useSwitchboard((s) => s.selectedCallId);
  const select = useSwitchboard((s) => s.select);
  // Visitors are looked up for the newest rows only; older rows show staff, tenants and numbers.
  const visitors = useVisitorMatches(calls.slice(0, 200).map((c) => c.number ?? ''));
  const now = useNow(2000);
  // Calls whose store into this console's database failed: shown, and retried until stored (R-C1).
  const unsaved = useArrivedCalls((s) => s.failed);
  const onKeyDown = useCallback(
    (e: React.KeyboardEvent<HTMLDivElement>) => {
      const i = calls.findIndex((c) => c.id === selected);
      const go = (j: number): void => {
        const c = calls[Math.max(0, Math.min(calls.length - 1, j))];
        if (c) select(c.id);
      };
      if (e.key === 'ArrowDown') go(i + 1);
      else if (e.key === 'ArrowUp') go(i < 0 ? 0 : i - 1);
      else if (e.key === 'Home') go(0);
      else if (e.key === 'End') go(calls.length - 1);
      else return;
      e.preventDefault();
    },
    [calls, selected, select],
  );
  return (
    <VirtualRows
      rows={calls}
      rowKey={key}
      cols={COLS}
      label={t('calls.log')}
      selectedKey={selected}
      onKeyDown={onKeyDown}
      colgroup={
        <colgroup>
          <col style={{ width: 92 }} />
          <col style={{ width: 70 }} />
          <col style={{ width: 60 }} />
          <col style={{ width: 64 }} />
          <col />
          <col style={{ width: 96 }} />
          <col style={{ width: 90 }} />
          <col style={{ width: 100 }} />
          <col style={{ width: 70 }} />
          <col style={{ width: 150 }} />
        </colgroup>
      }
      head={
        <tr>
          <th scope="col">{t('calls.col.time')}</th>
          <th scope="col">{t('calls.col.ext')}</th>
          <th scope="col">{t('calls.col.trunk')}</th>
          <th scope="col">{t('calls.col.direction')}</th>
          <th scope="col">{t('calls.col.number')}</th>
          <th scope="col" className="num right">{t('calls.col.ring')}</th>
          <th scope="col" className="num right">{t('calls.col.duration')}</th>
          <th scope="col" className="num right">{t('calls.col.cost')}</th>
          <th scope="col">{t('calls.col.account')}</th>
          <th scope="col">{t('calls.col.flags')}</th>
        </tr>
      }
      empty={
        <tr>
          <td colSpan={COLS} className="empty">
            {t('calls.none')}
          </td>
        </tr>
      }
      renderRow={(c) => {
        const m = matchOf(c.number, index, visitors);
        const who = m ? hostLabel(locale, m.name, m.detail) : c.callerName;
        const fresh = now - Date.parse(c.receivedAt) < NEW_MS;
        const cls = [c.id === selected ? 'selected' : '', fresh ? 'row-new' : '', c.unanswered && c.direction === 'in' ? 'row-missed' : ''].filter(Boolean).join(' ');
        return (
          <tr key={c.id} className={cls} aria-selected={c.id === selected} onClick={() => select(c.id)}>
            <td className="num">{clockOf(c.start, c.receivedAt)}</td>
            <td className="num">{c.ext ?? '--'}</td>
            <td className="num">{c.trunk ?? '--'}</td>
            <td>{t(`calls.direction.${c.direction}`)}</td>
            <td title={who ? `${c.number ?? ''} ${who}` : undefined}>
              <span className="num">{c.number ?? '--'}</span>
              {who && <span className="who"> {who}</span>}
            </td>
            <td className="num right">{c.ringSec ?? '--'}</td>
            <td className="num right">{duration(c.durationSec)}</td>
            <td className="num right">{c.direction === 'out' ? yuan(callCost(c, tariffs)) : '--'}</td>
            <td className="num">{c.accountCode ?? '--'}</td>
            <td>
              {c.unanswered && <span className="tag flag-missed">✕ {t('calls.flag.unanswered')}</span>}
              {c.transferred && <span className="tag">⇄ {t('calls.flag.transferred')}</span>}
              {c.forwarded && <span className="tag">↪ {t('calls.flag.forwarded')}</span>}
              {unsaved.has(c.id) && <span className="tag flag-unsaved">⟳ {t('calls.flag.unsaved')}</span>}
            </td>
          </tr>
        );
      }}
    />
  );
}
