import { useId, useState } from 'react';
import { credentialMatches, type IdCard } from '../../shared/domain/card';
import { db } from '../db/schema';
import { localDay } from '../db/terms';
import { useT } from '../i18n';
import { cardStep } from './audit-log';
import { errorText, useActor } from './shared-ui';

type Found = { kind: 'found'; card: IdCard } | { kind: 'unknown'; typed: string } | null;

/**
 * Verification at the desk with a keyboard-wedge reader (hardware.md 1.5): the
 * reader types what is on the card — its credential id (卡内号), never the
 * hub's card number — and Enter. Every look-up is in the audit trail (R-K5).
 */
export function CardVerify(): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<Found>(null);
  const [error, setError] = useState('');

  const verify = async (): Promise<void> => {
    const value = typed.trim();
    if (!value) return;
    setError('');
    try {
      const card = (await db.cards.toArray()).find((c) => credentialMatches(c, value));
      await cardStep(
        actor,
        {
          action: card ? 'card.verified' : 'card.verifyUnknown',
          entity: 'card',
          entityId: card?.id ?? '',
          detail: card ? `${card.number} · ${card.encoded} · ${card.state}` : `read ${value}`,
        },
        async () => undefined,
      );
      setFound(card ? { kind: 'found', card } : { kind: 'unknown', typed: value });
      setTyped('');
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  const today = localDay(new Date());
  const live = (c: IdCard): boolean =>
    (c.state === 'made' || c.state === 'uploaded') && c.validFrom <= today && c.validTo >= today;

  return (
    <form
      className="panel card-verify"
      aria-label={t('cards.verify.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void verify();
      }}
    >
      <label htmlFor={id}>{t('cards.verify.label')}</label>
      <input
        id={id}
        value={typed}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('cards.verify.placeholder')}
        onChange={(e) => setTyped(e.target.value)}
      />
      <button type="submit" className="btn small">
        {t('cards.verify.submit')}
      </button>
      {error && (
        <p role="alert" className="notice warn">
          {error}
        </p>
      )}
      {found?.kind === 'unknown' && (
        <p role="alert" className="notice warn">
          {t('cards.verify.unknown', { typed: found.typed })}
        </p>
      )}
      {found?.kind === 'found' && (
        <p role="status" className={live(found.card) ? 'notice ok' : 'notice warn'}>
          {t(live(found.card) ? 'cards.verify.valid' : 'cards.verify.notValid', {
            number: found.card.number,
            name: found.card.holderName,
            company: found.card.company,
            state: t(`cards.state.${found.card.state}`),
            validTo: found.card.validTo,
          })}
        </p>
      )}
    </form>
  );
}
