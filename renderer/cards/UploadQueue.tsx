import { useLiveQuery } from 'dexie-react-hooks';
import type { CardUpload } from '../../shared/domain/card';
import { db } from '../db/schema';
import { useT } from '../i18n';
import { call } from '../transport/api';
import { recordUpload } from './card-life';
import { holderOf } from './holders';
import { errorText, useActor, useLocalTime } from './shared-ui';

/** Failed webhook uploads stay here, in view, until a retry is accepted (R-K3, issue 6). */
export function UploadQueue({
  onResult,
}: {
  onResult: (m: { ok: boolean; text: string }) => void;
}): React.JSX.Element | null {
  const t = useT();
  const actor = useActor();
  const time = useLocalTime();
  const failed =
    useLiveQuery(() => db.cardUploads.where('state').equals('failed').toArray(), []) ?? [];

  const retry = async (u: CardUpload): Promise<void> => {
    try {
      const card = await db.cards.get(u.cardId);
      if (!card) return;
      const result = await call('cards:upload', { holders: [holderOf(card, u.action)] });
      await recordUpload(actor, card, u.action, 'webhook', result, u);
      onResult(
        result.ok
          ? {
              ok: true,
              text: t('cards.upload.done', { number: card.number, answer: result.answer }),
            }
          : {
              ok: false,
              text: t('cards.upload.failed', {
                number: card.number,
                status: result.status,
                answer: result.answer,
              }),
            },
      );
    } catch (err) {
      onResult({ ok: false, text: errorText(t, err) });
    }
  };

  if (failed.length === 0) return null;
  return (
    <section className="panel upload-queue" aria-labelledby="upload-queue-title">
      <h3 id="upload-queue-title">
        {t('cards.queueRetry.title')} <span className="count">{failed.length}</span>
      </h3>
      <table className="console-table" aria-label={t('cards.queueRetry.title')}>
        <thead>
          <tr>
            <th scope="col">{t('cards.col.number')}</th>
            <th scope="col">{t('cards.queueRetry.attempts')}</th>
            <th scope="col">{t('cards.queueRetry.answer')}</th>
            <th scope="col">{t('cards.queueRetry.last')}</th>
            <th scope="col">{t('cards.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {failed.map((u) => (
            <tr key={u.id}>
              <td className="num">{u.cardNumber}</td>
              <td className="num">{u.attempts}</td>
              <td>
                {u.lastStatus ? `${u.lastStatus} ` : ''}
                {u.lastAnswer}
              </td>
              <td className="num">{time(u.lastAt)}</td>
              <td>
                <button type="button" className="btn small primary" onClick={() => void retry(u)}>
                  {t('cards.queueRetry.retry')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
