import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../db/schema';
import { useT } from '../i18n';
import { useCardsUi } from './cards-ui';
import { MakeCardDialog } from './MakeCardDialog';
import { Empty, useLocalTime } from './shared-ui';

/** The desk's queue: applications waiting for a card (制卡), oldest first. */
export function QueueScreen(): React.JSX.Element {
  const t = useT();
  const time = useLocalTime();
  const waiting =
    useLiveQuery(
      () => db.cardApplications.where('state').equals('submitted').sortBy('createdAt'),
      [],
    ) ?? [];
  const making = useCardsUi((s) => s.making);
  const setMaking = useCardsUi((s) => s.setMaking);
  // Looked up by id, not from the waiting list: a card just made keeps its dialog open with the result.
  const app =
    useLiveQuery(
      async () => (making ? ((await db.cardApplications.get(making)) ?? null) : null),
      [making],
    ) ?? null;
  return (
    <section className="screen">
      <div className="toolbar">
        <h2>
          {t('cards.queue.title')} <span className="count">{waiting.length}</span>
        </h2>
      </div>
      {waiting.length === 0 ? (
        <Empty text={t('cards.queue.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="console-table" aria-label={t('cards.queue.title')}>
            <thead>
              <tr>
                <th scope="col">{t('cards.field.holderName')}</th>
                <th scope="col">{t('cards.field.company')}</th>
                <th scope="col">{t('cards.field.areas')}</th>
                <th scope="col">{t('cards.col.validity')}</th>
                <th scope="col">{t('cards.field.salesRep')}</th>
                <th scope="col">{t('cards.field.letter')}</th>
                <th scope="col">{t('cards.col.submitted')}</th>
                <th scope="col">{t('cards.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((a) => (
                <tr key={a.id}>
                  <td>{a.holderName}</td>
                  <td>{a.company}</td>
                  <td>{a.areas}</td>
                  <td className="num">
                    {a.validFrom} – {a.validTo}
                  </td>
                  <td>{a.salesRep}</td>
                  <td>
                    <a href={a.letter.dataUrl} download={a.letter.name} className="btn link">
                      {a.letter.name}
                    </a>
                  </td>
                  <td className="num">{time(a.createdAt)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="btn small primary"
                      onClick={() => setMaking(a.id)}
                      aria-label={t('cards.queue.make.for', { name: a.holderName })}
                    >
                      {t('cards.queue.make')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MakeCardDialog app={app} onClose={() => setMaking(null)} />
    </section>
  );
}
