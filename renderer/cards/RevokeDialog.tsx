import { useState } from 'react';
import type { IdCard } from '../../shared/domain/card';
import { Dialog } from '../console/Dialog';
import { Field } from '../console/Field';
import { useT } from '../i18n';
import { requestRevocation } from './card-life';
import { errorText, useActor } from './shared-ui';

export interface RevokeAsk {
  card: IdCard;
  /** request: sales asks for cancellation (or reports it lost); confirm: systems says it is done. */
  kind: 'request' | 'confirm';
}

interface Props {
  ask: RevokeAsk | null;
  onClose: () => void;
  onConfirm: (card: IdCard, by: string) => void;
  onDone: (text: string) => void;
}

/** Who asked and why (注销 / lost), or who in the systems department confirmed (R-K4). */
export function RevokeDialog({ ask, onClose, onConfirm, onDone }: Props): React.JSX.Element {
  const t = useT();
  const title = ask
    ? t(ask.kind === 'request' ? 'cards.revoke.requestTitle' : 'cards.revoke.confirmTitle', {
        number: ask.card.number,
      })
    : '';
  return (
    <Dialog open={ask !== null} title={title} onClose={onClose}>
      {ask && (
        <RevokeForm
          key={`${ask.card.id}-${ask.kind}`}
          ask={ask}
          onClose={onClose}
          onConfirm={onConfirm}
          onDone={onDone}
        />
      )}
    </Dialog>
  );
}

function RevokeForm({
  ask,
  onClose,
  onConfirm,
  onDone,
}: Props & { ask: RevokeAsk }): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const [who, setWho] = useState(ask.kind === 'request' ? ask.card.salesRep : '');
  const [reason, setReason] = useState<'cancel' | 'lost'>('cancel');
  const [error, setError] = useState('');

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!who.trim()) return setError(t('cards.apply.required'));
    if (ask.kind === 'confirm') {
      onConfirm(ask.card, who.trim());
      return onClose();
    }
    try {
      await requestRevocation(actor, ask.card, reason, who.trim());
      onDone(t('cards.revoke.requested', { number: ask.card.number }));
      onClose();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      {ask.kind === 'request' && (
        <Field id="revoke-reason" label={t('cards.revoke.reason')}>
          {(a) => (
            <select
              {...a}
              value={reason}
              onChange={(e) => setReason(e.target.value === 'lost' ? 'lost' : 'cancel')}
            >
              <option value="cancel">{t('cards.reason.cancel')}</option>
              <option value="lost">{t('cards.reason.lost')}</option>
            </select>
          )}
        </Field>
      )}
      <Field
        id="revoke-who"
        label={t(ask.kind === 'confirm' ? 'cards.revoke.confirmedBy' : 'cards.revoke.askedBy')}
        error={error || undefined}
      >
        {(a) => <input {...a} value={who} onChange={(e) => setWho(e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" className="btn primary">
          {t(ask.kind === 'confirm' ? 'cards.revoke.confirm' : 'cards.revoke.request')}
        </button>
      </div>
    </form>
  );
}
