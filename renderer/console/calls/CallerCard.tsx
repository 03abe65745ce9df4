import { useLiveQuery } from 'dexie-react-hooks';
import type { StoredCall } from '../../../shared/domain/switchboard';
import { db } from '../../db/schema';
import { useT } from '../../i18n';
import { dayTime } from '../format';
import { matchOf, useVisitorMatches, type CallerIndex } from './lookup';
import { mobileE164, normalizeNumber } from './numbers';
import { useSwitchboard } from './switchboard-ui';

/**
 * The screen pop of the selected call (R-C3): who the number belongs to,
 * their recent visits and the messages still open for or from them. It never
 * takes focus: the operator may be typing elsewhere when a call arrives.
 */
export function CallerCard({ call, index }: { call: StoredCall | null; index: CallerIndex }): React.JSX.Element {
  const t = useT();
  const takeMessage = useSwitchboard((s) => s.takeMessage);
  const visitors = useVisitorMatches(call?.number ? [call.number] : []);
  const match = call ? matchOf(call.number, index, visitors) : null;
  const phone = mobileE164(normalizeNumber(call?.number));
  const visits = useLiveQuery(async () => (phone ? (await db.visits.where('phone').equals(phone).toArray()).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 5) : []), [phone]) ?? [];
  const staffId = match?.kind === 'staff' ? match.id : null;
  const number = normalizeNumber(call?.number);
  const messages =
    useLiveQuery(
      () => db.messages.where('state').equals('open').filter((m) => m.forStaffId === staffId || (number !== '' && normalizeNumber(m.callerNumber) === number)).toArray(),
      [staffId, number],
    ) ?? [];
  if (!call) {
    return (
      <section className="panel caller-card" aria-labelledby="caller-h">
        <h2 id="caller-h">{t('calls.caller')}</h2>
        <p className="sub">{t('calls.caller.none')}</p>
      </section>
    );
  }
  return (
    <section className="panel caller-card" aria-labelledby="caller-h">
      <h2 id="caller-h">{t('calls.caller')}</h2>
      <p className="caller-number num">{call.number ?? '--'}</p>
      <p className="caller-name" data-testid="caller-name">
        {match ? (
          <>
            <strong>{match.name}</strong> · {match.detail} <span className="tag">{t(`calls.match.${match.kind}`)}</span>
          </>
        ) : (
          (call.callerName ?? t('calls.match.unknown'))
        )}
      </p>
      {match?.kind === 'staff' && (
        <p className="sub">
          {t('calls.col.ext')} {match.staff.ext}
        </p>
      )}
      {visits.length > 0 && (
        <>
          <h3>{t('calls.caller.visits')}</h3>
          <ul className="plain-list">
            {visits.map((v) => (
              <li key={v.id}>
                {dayTime(v.signedInAt ?? v.createdAt)} · {v.hostName} · {v.purpose}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('calls.caller.messages', { n: messages.length })}</h3>
      {messages.length > 0 && (
        <ul className="plain-list">
          {messages.map((m) => (
            <li key={m.id}>
              {m.forName} · {m.content}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="btn" aria-keyshortcuts="F6" onClick={() => takeMessage({ callerName: match?.kind === 'staff' ? '' : (match?.name ?? call.callerName ?? ''), callerNumber: call.number ?? '' })}>
          {t('calls.takeMessage')} <kbd>F6</kbd>
        </button>
      </div>
      <details className="raw-line">
        <summary>{t('calls.raw')}</summary>
        <pre>{call.raw}</pre>
      </details>
    </section>
  );
}
