import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { CALLBACK_OUTCOMES, type CallbackOutcome, type StoredCall } from '../../../shared/domain/switchboard';
import { db } from '../../db/schema';
import { useLocale, useT } from '../../i18n';
import { Dialog } from '../Dialog';
import { dayTime, hostLabel } from '../format';
import { useActor } from '../ui-store';
import { recordCallback } from './actions';
import { useArrivedCalls } from './arrived-calls';
import { matchOf, useVisitorMatches, type CallerIndex } from './lookup';
import { clockOf } from './numbers';
import { useSwitchboard } from './switchboard-ui';

function CallbackDialog({ call, onClose }: { call: StoredCall; onClose: () => void }): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const id = useId();
  const [outcome, setOutcome] = useState<CallbackOutcome>('calledBack');
  const [note, setNote] = useState('');
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    await recordCallback(call.id, outcome, note.trim(), actor);
    onClose();
  };
  return (
    <Dialog open title={t('calls.callback.title', { number: call.number ?? '--' })} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <fieldset className="field">
          <legend>{t('calls.callback.outcome')}</legend>
          {CALLBACK_OUTCOMES.map((o) => (
            <label key={o} className="inline-check">
              <input type="radio" className="check" name={`${id}-o`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {t(`calls.callback.${o}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('calls.callback.note')}</label>
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="actions">
          <button type="submit" className="btn primary">
            {t('calls.callback.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Missed incoming calls stay here until someone deals with them (R-C5). */
export function CallbackList({ index }: { index: CallerIndex }): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const storedOpen = useLiveQuery(() => db.calls.where('callback').equals('open').reverse().sortBy('seq'), []);
  // A missed call shown from the PBX event is listed at once too (R-C5); dealing with it waits for its
  // stored row (recordCallback). Which of them are stored is asked of all calls, not of the open ones:
  // a stored call someone already dealt with must not come back from the event.
  const arrived = useArrivedCalls((s) => s.calls);
  const arrivedMissed = useMemo(() => arrived.filter((c) => c.callback === 'open'), [arrived]);
  const missedKey = arrivedMissed.map((c) => c.id).join(',');
  const storedIds = useLiveQuery(
    async () => new Set((await db.calls.bulkGet(missedKey === '' ? [] : missedKey.split(','))).flatMap((c) => (c ? [c.id] : []))),
    [missedKey],
  );
  const open = useMemo(() => {
    if (storedOpen === undefined) return [];
    if (storedIds === undefined) return storedOpen;
    const have = new Set(storedOpen.map((c) => c.id));
    const early = arrivedMissed.filter((c) => !storedIds.has(c.id) && !have.has(c.id));
    return early.length === 0 ? storedOpen : [...early, ...storedOpen];
  }, [storedOpen, storedIds, arrivedMissed]);
  const visitors = useVisitorMatches(open.map((c) => c.number ?? ''));
  const [dealing, setDealing] = useState<StoredCall | null>(null);
  const focus = useSwitchboard((s) => s.callbackFocus);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Only F7, the operator's own request, moves focus here.
    if (focus > 0 && ref.current) {
      ref.current.focus();
      useSwitchboard.getState().callbacksFocused();
    }
  }, [focus]);
  return (
    <section className="panel callbacks" aria-labelledby="callbacks-h">
      <h2 id="callbacks-h" tabIndex={-1} ref={ref}>
        {t('calls.callbacks')} <span className="count">{open.length}</span>
      </h2>
      <div className="table-wrap short">
        <table className="console-table" aria-label={t('calls.callbacks')}>
          <thead>
            <tr>
              <th scope="col">{t('calls.col.time')}</th>
              <th scope="col">{t('calls.col.number')}</th>
              <th scope="col">{t('calls.col.ext')}</th>
              <th scope="col" className="num right">{t('calls.col.ring')}</th>
              <th scope="col">{t('calls.callback.tries')}</th>
              <th scope="col">{t('console.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {open.map((c) => {
              const m = matchOf(c.number, index, visitors);
              const last = c.callbackLog?.at(-1);
              return (
                <tr key={c.id}>
                  <td className="num">
                    {c.day} {clockOf(c.start, c.receivedAt)}
                  </td>
                  <td>
                    <span className="num">{c.number ?? '--'}</span> {m && <span className="who">{hostLabel(locale, m.name, m.detail)}</span>}
                  </td>
                  <td className="num">{c.ext ?? '--'}</td>
                  <td className="num right">{c.ringSec ?? '--'}</td>
                  <td className="sub">{last ? `${t(`calls.callback.${last.outcome}`)} · ${last.by} · ${dayTime(last.at)}` : '--'}</td>
                  <td>
                    <button type="button" className="btn small" aria-label={t('calls.callback.dealOf', { number: c.number ?? '--' })} onClick={() => setDealing(c)}>
                      {t('calls.callback.deal')}
                    </button>
                  </td>
                </tr>
              );
            })}
            {open.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  {t('calls.callbacks.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {dealing && <CallbackDialog call={dealing} onClose={() => setDealing(null)} />}
    </section>
  );
}
