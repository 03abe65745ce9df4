import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { WATCH_LEVELS, type WatchEntry, type WatchLevel } from '../../shared/domain/visit';
import { idProblem } from '../../shared/domain/visitor-input';
import { maskIdNumber, maskPhone } from '../../shared/mask';
import { checkMobile } from '../../shared/phone';
import { db } from '../db/schema';
import { addWatchEntry, deactivateWatchEntry } from '../db/watchlist';
import { useT, type MessageKey } from '../i18n';
import { EmptyRow } from './Board';
import { ErrorSummary, Field } from './Field';
import { dayTime } from './format';
import { NoteDialog } from './NoteDialog';
import { useActor } from './ui-store';

interface Draft {
  name: string;
  idNumber: string;
  phone: string;
  level: WatchLevel;
  reason: string;
}
const EMPTY: Draft = { name: '', idNumber: '', phone: '', level: 'watch', reason: '' };

/** The deny / watch list (R-V7): the reason is for the desk's eyes only. */
export function WatchListScreen(): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const base = useId();
  const entries = useLiveQuery(() => db.watchlist.toArray(), []) ?? [];
  const [d, setD] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<{ field: keyof Draft; key: MessageKey }[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [removing, setRemoving] = useState<WatchEntry | null>(null);
  const [notice, setNotice] = useState('');
  const fid = (f: keyof Draft): string => `${base}-${f}`;
  const err = (f: keyof Draft): string | undefined => {
    const p = problems.find((x) => x.field === f);
    return p ? t(p.key) : undefined;
  };
  const set = <K extends keyof Draft>(k: K, v: Draft[K]): void => setD((x) => ({ ...x, [k]: v }));
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const found: { field: keyof Draft; key: MessageKey }[] = [];
    const mobile = d.phone.trim() ? checkMobile(d.phone) : null;
    const idNumber = d.idNumber.trim().toUpperCase();
    if (!d.name.trim() && !idNumber && !mobile) found.push({ field: 'name', key: 'console.watch.error.who' });
    if (mobile && !mobile.ok) found.push({ field: 'phone', key: 'field.phone.format' });
    if (idNumber && idProblem('resident', idNumber) && idProblem('passport', idNumber)) found.push({ field: 'idNumber', key: 'field.idNumber.format' });
    if (!d.reason.trim()) found.push({ field: 'reason', key: 'console.watch.error.reason' });
    setProblems(found);
    if (found.length > 0) return;
    // Stored in the same form sign-in stores (E.164 phone, upper-case ID) so the match is exact.
    await addWatchEntry({ name: d.name.trim(), idNumber, phone: mobile?.ok ? mobile.value : '', level: d.level, reason: d.reason.trim() }, actor);
    setNotice(t('console.watch.added', { name: d.name.trim() || maskPhone(d.phone) }));
    setD(EMPTY);
  };
  const active = entries.filter((e) => e.active);
  return (
    <div className="screen watch">
      <section aria-labelledby="watch-add" className="panel">
        <h2 id="watch-add">{t('console.watch.add')}</h2>
        <form className="form" noValidate onSubmit={(e) => void submit(e)}>
          <ErrorSummary attempt={attempt} items={problems.map((p) => ({ id: fid(p.field), text: t(p.key) }))} />
          <div className="row">
            <Field id={fid('name')} label={t('console.field.name')} error={err('name')}>
              {(a) => <input {...a} value={d.name} spellCheck={false} onChange={(e) => set('name', e.target.value)} />}
            </Field>
            <Field id={fid('idNumber')} label={t('console.field.idNumber')} error={err('idNumber')}>
              {(a) => <input {...a} value={d.idNumber} spellCheck={false} onChange={(e) => set('idNumber', e.target.value)} />}
            </Field>
            <Field id={fid('phone')} label={t('console.field.phone')} error={err('phone')}>
              {(a) => <input {...a} type="tel" value={d.phone} onChange={(e) => set('phone', e.target.value)} />}
            </Field>
            <Field id={fid('level')} label={t('console.watch.level')}>
              {(a) => (
                <select {...a} value={d.level} onChange={(e) => set('level', WATCH_LEVELS.find((x) => x === e.target.value) ?? 'watch')}>
                  {WATCH_LEVELS.map((x) => (
                    <option key={x} value={x}>
                      {t(`console.watch.level.${x}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field id={fid('reason')} label={t('console.watch.reason')} error={err('reason')}>
            {(a) => <input {...a} value={d.reason} onChange={(e) => set('reason', e.target.value)} />}
          </Field>
          <div className="actions">
            <button type="submit" className="btn primary">
              {t('console.watch.addButton')}
            </button>
            <span role="status" className="notice">
              {notice}
            </span>
          </div>
        </form>
      </section>
      <div className="table-wrap">
        <table className="console-table" aria-label={t('console.tab.watchlist')}>
          <thead>
            <tr>
              <th scope="col">{t('console.col.name')}</th>
              <th scope="col">{t('console.col.idNumber')}</th>
              <th scope="col">{t('console.col.phone')}</th>
              <th scope="col">{t('console.watch.level')}</th>
              <th scope="col">{t('console.watch.reason')}</th>
              <th scope="col">{t('console.watch.addedBy')}</th>
              <th scope="col">{t('console.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {active.map((e) => (
              <tr key={e.id}>
                <td>{e.name || '--'}</td>
                <td className="num">{e.idNumber ? maskIdNumber(e.idNumber) : '--'}</td>
                <td className="num">{e.phone ? maskPhone(e.phone) : '--'}</td>
                <td>
                  <span className={`tag level-${e.level}`}>{t(`console.watch.level.${e.level}`)}</span>
                </td>
                <td>{e.reason}</td>
                <td>
                  {e.addedBy} · {dayTime(e.createdAt)}
                </td>
                <td>
                  <button type="button" className="btn small" aria-label={t('console.watch.removeOf', { name: e.name || maskPhone(e.phone) })} onClick={() => setRemoving(e)}>
                    {t('console.watch.remove')}
                  </button>
                </td>
              </tr>
            ))}
            {active.length === 0 && <EmptyRow cols={7} />}
          </tbody>
        </table>
      </div>
      {removing && (
        <NoteDialog
          title={t('console.watch.removeTitle', { name: removing.name || maskPhone(removing.phone) })}
          required={false}
          confirmLabel={t('console.watch.remove')}
          onConfirm={() => deactivateWatchEntry(removing.id, actor)}
          onClose={() => setRemoving(null)}
        />
      )}
    </div>
  );
}
