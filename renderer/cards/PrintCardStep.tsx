import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { CardSettings } from '../../shared/api/cards';
import { db } from '../db/schema';
import { useT } from '../i18n';
import { call } from '../transport/api';
import { cardStep } from './audit-log';
import { errorText, useActor } from './shared-ui';

type Step =
  | { kind: 'ready' }
  | { kind: 'printing' }
  | { kind: 'done'; number: string }
  | { kind: 'failed'; reason: string };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * After a verified encode: the card face on the card printer (R-K3), through
 * the badge print queue. Without a card printer in the settings it says so
 * and where to set one. Queued, printed and failed are audit entries (R-K5).
 */
export function PrintCardStep({ cardId }: { cardId: string }): React.JSX.Element | null {
  const t = useT();
  const actor = useActor();
  const card = useLiveQuery(() => db.cards.get(cardId), [cardId]);
  const app = useLiveQuery(
    async () => (card ? db.cardApplications.get(card.applicationId) : undefined),
    [card?.applicationId],
  );
  const [settings, setSettings] = useState<CardSettings | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'ready' });
  useEffect(() => {
    let live = true;
    call('cards:getSettings', {}).then(
      (s) => live && setSettings(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  if (!card || !settings) return null;
  if (!settings.cardPrinterUri)
    return (
      <p role="note" className="notice">
        {t('cards.print.notConfigured')}
      </p>
    );

  const print = async (): Promise<void> => {
    setStep({ kind: 'printing' });
    const audit = (action: string, detail: string): Promise<void> =>
      cardStep(actor, { action, entity: 'card', entityId: card.id, detail }, async () => undefined);
    try {
      const { jobId, printer } = await call('cards:printCard', {
        cardId: card.id,
        holderName: card.holderName,
        company: card.company,
        cardNumber: card.number,
        validFrom: card.validFrom,
        validTo: card.validTo,
        photo: app?.photo ?? null,
        requestedBy: actor,
      });
      await audit('card.printQueued', `${card.number} on ${printer} job ${jobId}${app?.photo ? ' with photo' : ''}`);
      for (;;) {
        const job = await call('cards:printJob', { jobId });
        if (job.state === 'done') {
          await audit('card.printed', `${card.number} job ${jobId}`);
          setStep({ kind: 'done', number: card.number });
          return;
        }
        if (job.state === 'failed' || job.state === 'unknown') {
          await audit('card.printFailed', `${card.number} job ${jobId}: ${job.message}`);
          setStep({ kind: 'failed', reason: job.message || job.state });
          return;
        }
        await sleep(500);
      }
    } catch (err) {
      setStep({ kind: 'failed', reason: errorText(t, err) });
    }
  };

  return (
    <div className="print-card">
      {step.kind === 'printing' && (
        <p role="status" className="notice">
          {t('cards.print.working')}
        </p>
      )}
      {step.kind === 'done' && (
        <p role="status" className="notice ok">
          {t('cards.print.done', { number: step.number })}
        </p>
      )}
      {step.kind === 'failed' && (
        <p role="alert" className="notice warn">
          {t('cards.print.failed', { reason: step.reason })}
        </p>
      )}
      {step.kind !== 'done' && (
        <button
          type="button"
          className="btn"
          disabled={step.kind === 'printing'}
          onClick={() => void print()}
        >
          {t('cards.print.button', { number: card.number })}
        </button>
      )}
    </div>
  );
}
