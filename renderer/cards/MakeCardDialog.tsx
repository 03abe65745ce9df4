import { useEffect, useState } from 'react';
import type { EncoderStatus } from '../../shared/api/cards';
import type { CardApplication } from '../../shared/domain/card';
import { Dialog } from '../console/Dialog';
import { getBridge, call } from '../transport/api';
import { useT } from '../i18n';
import {
  encodedText,
  markMade,
  payloadFor,
  provisionalNumber,
  recordEncodeFailure,
} from './card-life';
import { useCardsUi } from './cards-ui';
import { PrintCardStep } from './PrintCardStep';
import { errorText, useActor } from './shared-ui';

type Step =
  | { kind: 'ready' }
  | { kind: 'working' }
  | { kind: 'made'; number: string; encoded: string; cardId: string }
  | { kind: 'failed'; text: string };

function useEncoderStatus(): EncoderStatus | null {
  const [status, setStatus] = useState<EncoderStatus | null>(null);
  useEffect(() => {
    let live = true;
    call('cards:status', {}).then(
      (s) => live && setStatus(s),
      () => undefined,
    );
    const off = getBridge().on('cards:deviceChanged', setStatus);
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
}

/**
 * Making the card (制卡): present a blank card, encode, read back, compare.
 * Only a verified read-back marks the card made; any failure says why and
 * leaves the application in the queue (issue 6).
 */
export function MakeCardDialog({
  app,
  onClose,
}: {
  app: CardApplication | null;
  onClose: () => void;
}): React.JSX.Element {
  const t = useT();
  return (
    <Dialog open={app !== null} title={t('cards.make.title')} onClose={onClose}>
      {app && <MakeCard key={app.id} app={app} onClose={onClose} />}
    </Dialog>
  );
}

/** Keyed by application: a new one starts with a fresh number and step. */
function MakeCard({
  app,
  onClose,
}: {
  app: CardApplication;
  onClose: () => void;
}): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const status = useEncoderStatus();
  const [number] = useState(provisionalNumber);
  const [step, setStep] = useState<Step>({ kind: 'ready' });

  const encode = async (): Promise<void> => {
    if (!status) return;
    setStep({ kind: 'working' });
    try {
      const result = await call('cards:encode', payloadFor(status.medium, number, app.validTo));
      if (!result.ok) {
        await recordEncodeFailure(actor, app, result.code, result.device);
        setStep({ kind: 'failed', text: t(`cards.error.${result.code}`) });
        return;
      }
      const cardId = await markMade(actor, app, number, result.read, result.device);
      setStep({ kind: 'made', number, encoded: encodedText(result.read), cardId });
    } catch (err) {
      setStep({ kind: 'failed', text: errorText(t, err) });
    }
  };

  const close = (): void => {
    if (step.kind === 'made') useCardsUi.getState().setTab('cards');
    onClose();
  };

  return (
    <div className="make-card">
      <dl className="facts">
        <dt>{t('cards.field.holderName')}</dt>
        <dd>{app.holderName}</dd>
        <dt>{t('cards.field.company')}</dt>
        <dd>{app.company}</dd>
        <dt>{t('cards.col.number')}</dt>
        <dd>
          <strong>{number}</strong> <span className="hint">{t('cards.make.provisional')}</span>
        </dd>
        <dt>{t('cards.make.encoder')}</dt>
        <dd>
          {status
            ? `${t(`cards.encoder.${status.choice}`)} · ${t(`cards.medium.${status.medium}`)} · ${t(`console.deviceState.${status.state}`)}`
            : '…'}
        </dd>
      </dl>
      {step.kind === 'ready' && <p>{t('cards.make.present')}</p>}
      {step.kind === 'working' && (
        <p role="status" className="notice">
          {t('cards.make.working')}
        </p>
      )}
      {step.kind === 'failed' && (
        <div role="alert" className="notice warn">
          <strong>{t('cards.make.notMade')}</strong> {step.text}
        </div>
      )}
      {step.kind === 'made' && (
        <p role="status" className="notice ok">
          {t('cards.make.made', { number: step.number, encoded: step.encoded })}
        </p>
      )}
      {step.kind === 'made' && <PrintCardStep cardId={step.cardId} />}
      <div className="actions">
        {step.kind !== 'made' && (
          <button
            type="button"
            className="btn primary"
            autoFocus
            disabled={step.kind === 'working' || !status}
            onClick={() => void encode()}
          >
            {step.kind === 'failed' ? t('cards.make.retry') : t('cards.make.encode')}
          </button>
        )}
        {step.kind === 'made' && (
          <button type="button" className="btn primary" onClick={close}>
            {t('cards.make.toCards')}
          </button>
        )}
      </div>
    </div>
  );
}
