import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { IdCard } from '../../shared/domain/card';
import { db } from '../db/schema';
import { useLocale, useT } from '../i18n';
import { call } from '../transport/api';
import { confirmRevocation, recordRevocationMail, recordUpload } from './card-life';
import { holderOf } from './holders';
import { RevokeDialog, type RevokeAsk } from './RevokeDialog';
import { CardVerify } from './CardVerify';
import { UploadQueue } from './UploadQueue';
import {
  Empty,
  XLSX_TYPE,
  download,
  errorText,
  fromBase64,
  useActor,
  useLocalTime,
} from './shared-ui';

/** Made cards and what happened to them: upload (上传), cancellation (注销) asked, mailed, confirmed. */
export function CardsScreen(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const actor = useActor();
  const time = useLocalTime();
  const cards = useLiveQuery(() => db.cards.orderBy('madeAt').reverse().toArray(), []) ?? [];
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [ask, setAsk] = useState<RevokeAsk | null>(null);

  const run = async (work: () => Promise<string>): Promise<void> => {
    setMessage(null);
    try {
      setMessage({ ok: true, text: await work() });
    } catch (err) {
      setMessage({ ok: false, text: errorText(t, err) });
    }
  };

  const upload = (c: IdCard): Promise<void> =>
    run(async () => {
      const result = await call('cards:upload', { holders: [holderOf(c, 'add')] });
      await recordUpload(actor, c, 'add', 'webhook', result);
      if (!result.ok)
        throw new Error(
          t('cards.upload.failed', {
            number: c.number,
            status: result.status,
            answer: result.answer,
          }),
        );
      return t('cards.upload.done', { number: c.number, answer: result.answer });
    });

  const exportFile = (kind: 'csv' | 'xlsx'): Promise<void> =>
    run(async () => {
      const pending = cards.filter((c) => c.state === 'made');
      if (pending.length === 0) return t('cards.export.nothing');
      const files = await call('cards:exportAccess', {
        holders: pending.map((c) => holderOf(c, 'add')),
      });
      const stamp = new Date().toISOString().slice(0, 10);
      if (kind === 'csv')
        download(`access-import-${stamp}.csv`, files.csv, 'text/csv;charset=utf-8');
      else download(`access-import-${stamp}.xlsx`, fromBase64(files.xlsxBase64), XLSX_TYPE);
      const at = new Date().toISOString();
      for (const c of pending)
        await recordUpload(actor, c, 'add', 'file', {
          ok: true,
          status: 0,
          answer: `${kind.toUpperCase()} file`,
          at,
        });
      return t('cards.export.done', { count: pending.length });
    });

  const mail = (c: IdCard): Promise<void> =>
    run(async () => {
      const r = await call('cards:sendRevocationMail', {
        cardNumber: c.number,
        credentialId: c.encoded,
        holderName: c.holderName,
        company: c.company,
        reason: c.revokeReason ?? 'cancel',
        requestedBy: c.revokeRequestedBy ?? actor,
        requestedAt: c.revokeRequestedAt ?? new Date().toISOString(),
        sentBy: actor,
        locale,
      });
      await recordRevocationMail(actor, c, r.sentAt, r.recipients);
      return t('cards.revoke.mailed', { number: c.number, to: r.recipients.join(', ') });
    });

  const confirm = (c: IdCard, by: string): Promise<void> =>
    run(async () => {
      await confirmRevocation(actor, c, by);
      return t('cards.revoke.confirmedMsg', { number: c.number });
    });

  return (
    <section className="screen">
      <div className="toolbar">
        <h2>
          {t('cards.cards.title')} <span className="count">{cards.length}</span>
        </h2>
        <button type="button" className="btn" onClick={() => void exportFile('csv')}>
          {t('cards.export.csv')}
        </button>
        <button type="button" className="btn" onClick={() => void exportFile('xlsx')}>
          {t('cards.export.xlsx')}
        </button>
      </div>
      {message && (
        <p
          className={message.ok ? 'notice ok' : 'notice warn'}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
      <CardVerify />
      {cards.length === 0 ? (
        <Empty text={t('cards.cards.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="console-table" aria-label={t('cards.cards.title')}>
            <thead>
              <tr>
                <th scope="col">{t('cards.col.number')}</th>
                <th scope="col" title={t('cards.credential.hint')}>
                  {t('cards.col.credential')}
                </th>
                <th scope="col">{t('cards.field.holderName')}</th>
                <th scope="col">{t('cards.field.company')}</th>
                <th scope="col">{t('cards.col.state')}</th>
                <th scope="col">{t('cards.col.record')}</th>
                <th scope="col">{t('cards.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {cards.map((c) => (
                <tr key={c.id}>
                  <td className="num">
                    {c.number}
                    {!c.numberFinal && (
                      <span className="sub"> {t('cards.make.provisionalShort')}</span>
                    )}
                  </td>
                  <td className="num credential">{c.encoded}</td>
                  <td>{c.holderName}</td>
                  <td>{c.company}</td>
                  <td>
                    <span className={`tag card-${c.state}`}>{t(`cards.state.${c.state}`)}</span>
                  </td>
                  <td className="record">
                    <span>{t('cards.record.made', { by: c.madeBy, at: time(c.madeAt) })}</span>
                    {c.uploadedAt && (
                      <span>
                        {t('cards.record.uploaded', {
                          by: c.uploadedBy ?? '',
                          at: time(c.uploadedAt),
                          answer: c.uploadAnswer ?? '',
                        })}
                      </span>
                    )}
                    {c.revokeRequestedAt && (
                      <span>
                        {t('cards.record.asked', {
                          by: c.revokeRequestedBy ?? '',
                          at: time(c.revokeRequestedAt),
                          reason: t(`cards.reason.${c.revokeReason ?? 'cancel'}`),
                        })}
                      </span>
                    )}
                    {c.revokeMailAt && (
                      <span>
                        {t('cards.record.mailed', {
                          at: time(c.revokeMailAt),
                          to: c.revokeMailTo ?? '',
                        })}
                      </span>
                    )}
                    {c.revokeConfirmedAt && (
                      <span>
                        {t('cards.record.confirmed', {
                          by: c.revokeConfirmedBy ?? '',
                          at: time(c.revokeConfirmedAt),
                        })}
                      </span>
                    )}
                  </td>
                  <td className="row-actions">
                    {c.state === 'made' && (
                      <button
                        type="button"
                        className="btn small primary"
                        onClick={() => void upload(c)}
                      >
                        {t('cards.upload.webhook')}
                      </button>
                    )}
                    {(c.state === 'made' || c.state === 'uploaded') && (
                      <button
                        type="button"
                        className="btn small"
                        onClick={() => setAsk({ card: c, kind: 'request' })}
                      >
                        {t('cards.revoke.request')}
                      </button>
                    )}
                    {c.state === 'revokeRequested' && (
                      <button
                        type="button"
                        className="btn small primary"
                        onClick={() => void mail(c)}
                      >
                        {t('cards.revoke.sendMail')}
                      </button>
                    )}
                    {c.state === 'revokeMailed' && (
                      <>
                        <button type="button" className="btn small" onClick={() => void mail(c)}>
                          {t('cards.revoke.resendMail')}
                        </button>
                        <button
                          type="button"
                          className="btn small primary"
                          onClick={() => setAsk({ card: c, kind: 'confirm' })}
                        >
                          {t('cards.revoke.confirm')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <UploadQueue onResult={setMessage} />
      <RevokeDialog
        ask={ask}
        onClose={() => setAsk(null)}
        onConfirm={(c, by) => void confirm(c, by)}
        onDone={(text) => setMessage({ ok: true, text })}
      />
    </section>
  );
}
