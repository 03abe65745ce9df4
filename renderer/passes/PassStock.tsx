import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { PASS_STATES, expandNumbers, type Pass } from '../../shared/domain/pass';
import { dayTime } from '../console/format';
import { NoteDialog } from '../console/NoteDialog';
import { addPasses, reportLost, retirePass } from '../db/passes';
import { db } from '../db/schema';
import { useT } from '../i18n';

/** R-P2: stock at a glance; add, retire, report lost. */
export function PassStock({ actor }: { actor: string }): React.JSX.Element {
  const t = useT();
  const addId = useId();
  const [numbers, setNumbers] = useState('');
  const [message, setMessage] = useState('');
  const [losing, setLosing] = useState<Pass | null>(null);
  const passes = useLiveQuery(() => db.passes.orderBy('number').toArray(), []);
  const holders = useLiveQuery(async () => {
    const open = await db.passIssues.filter((i) => i.returnedAt === null).toArray();
    return new Map(open.map((i) => [i.passId, i]));
  }, []);
  const count = Object.fromEntries(PASS_STATES.map((s) => [s, (passes ?? []).filter((p) => p.state === s).length])) as Record<(typeof PASS_STATES)[number], number>;

  const add = async (): Promise<void> => {
    const list = expandNumbers(numbers);
    if (list.length === 0) return;
    const { added, duplicates } = await addPasses(list, actor);
    setNumbers('');
    setMessage([t('passes.stock.added', { n: added.length }), duplicates.length ? t('passes.stock.duplicates', { numbers: duplicates.join(', ') }) : ''].filter(Boolean).join(' '));
  };

  return (
    <section className="passes-section" aria-labelledby="pass-stock-title">
      <h2 id="pass-stock-title">{t('passes.stock.title')}</h2>
      <p className="stock-summary" data-testid="pass-summary">
        {t('passes.stock.summary', { inStock: count.inStock, issued: count.issued, returned: count.returned, lost: count.lost })}
      </p>
      <form
        className="stock-add"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label htmlFor={addId}>{t('passes.stock.addLabel')}</label>
        <input id={addId} value={numbers} autoComplete="off" onChange={(e) => setNumbers(e.target.value)} />
        <button type="submit" className="btn">
          {t('passes.stock.add')}
        </button>
        <span role="status">{message}</span>
      </form>
      <div className="table-wrap">
        <table className="console-table" aria-label={t('passes.stock.title')}>
          <thead>
            <tr>
              <th scope="col">{t('passes.stock.number')}</th>
              <th scope="col">{t('passes.stock.state')}</th>
              <th scope="col">{t('passes.stock.holder')}</th>
              <th scope="col">{t('passes.stock.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(passes ?? []).map((p) => {
              const holder = holders?.get(p.id);
              return (
                <tr key={p.id} className={`pass-${p.state}`}>
                  <td className="num">{p.number}</td>
                  <td>{t(`passes.state.${p.state}`)}</td>
                  <td>
                    {p.state === 'lost'
                      ? t('passes.stock.lostInfo', { who: p.lostBy ?? '', time: dayTime(p.lostAt) }) + (p.lostNote ? ` · ${p.lostNote}` : '')
                      : holder
                        ? `${holder.visitorName} · ${holder.employeeName}`
                        : ''}
                  </td>
                  <td className="row-actions">
                    {p.state !== 'lost' && p.state !== 'retired' && (
                      <button type="button" className="btn small" aria-label={t('passes.stock.lostOf', { number: p.number })} onClick={() => setLosing(p)}>
                        {t('passes.stock.lost')}
                      </button>
                    )}
                    {p.state !== 'issued' && p.state !== 'retired' && (
                      <button type="button" className="btn small" aria-label={t('passes.stock.retireOf', { number: p.number })} onClick={() => void retirePass(p.id, actor)}>
                        {t('passes.stock.retire')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
            {passes?.length === 0 && (
              <tr>
                <td colSpan={4} className="empty">
                  {t('passes.stock.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {losing && (
        <NoteDialog
          title={t('passes.stock.lostOf', { number: losing.number })}
          noteLabel={t('passes.stock.lostBy')}
          required
          confirmLabel={t('passes.stock.lost')}
          onConfirm={(who) => reportLost(losing.id, who, '', actor)}
          onClose={() => setLosing(null)}
        />
      )}
    </section>
  );
}
