/**
 * Every step of a card's life (R-K2–R-K4) as one write plus its chained audit
 * entry. The main-side calls (encoder, upload, mail) happen before these are
 * called; what they answered is what gets recorded.
 */
import type { CardPayload, UploadResult } from '../../shared/api/cards';
import {
  canApplicationTransition,
  canCardTransition,
  type CardApplication,
  type CardState,
  type CardUpload,
  type IdCard,
} from '../../shared/domain/card';
import { newId } from '../db/ids';
import { db } from '../db/schema';
import { cardStep } from './audit-log';

export type NewApplication = Omit<
  CardApplication,
  'id' | 'state' | 'createdAt' | 'createdBy' | 'updatedAt' | 'photo'
> & { photo?: string | null };

export class CardLifeError extends Error {
  constructor(readonly code: 'cards.notFound' | 'cards.wrongState') {
    super(code);
  }
}

export async function submitApplication(actor: string, input: NewApplication): Promise<string> {
  const id = newId();
  await cardStep(
    actor,
    {
      action: 'application.submitted',
      entity: 'application',
      entityId: id,
      detail: `${input.holderName} · ${input.company} · ${input.areas} · sales ${input.salesRep} · letter ${input.letter.name}${input.photo ? ' · photo' : ''}`,
    },
    async (w) => {
      await w.put('cardApplications', {
        ...input,
        photo: input.photo ?? null,
        id,
        state: 'submitted',
        createdAt: w.now,
        createdBy: actor,
        updatedAt: w.now,
      });
    },
  );
  return id;
}

/**
 * A provisional number (`P-` + 8 digits) the desk can print and encode now;
 * the hub's number replaces it when sync confirms (until then `numberFinal` is false).
 */
export function provisionalNumber(random: () => number = Math.random): string {
  return `P-${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
}

/** What the encoder writes for a card number: ISO tracks for a magnetic card, the digits as the EM4100 id. */
export function payloadFor(medium: IdCard['medium'], number: string, validTo: string): CardPayload {
  const digits = number.replace(/\D/g, '').padStart(8, '0');
  const yymm = validTo.slice(2, 4) + validTo.slice(5, 7);
  if (medium === 'msr605x')
    return { medium, track1: `IDC CARD ${number}`, track2: `62${digits}=${yymm}`, track3: '' };
  return { medium, customer: 0x49, id: Number(digits) };
}

export function encodedText(p: CardPayload): string {
  return p.medium === 'msr605x'
    ? p.track2
    : `${p.customer.toString(16).padStart(2, '0')}${p.id.toString(16).padStart(8, '0')}`.toUpperCase();
}

/** Only after the main side verified the read-back (`cards:encode` answered ok). */
export async function markMade(
  actor: string,
  app: CardApplication,
  number: string,
  read: CardPayload,
  device: string,
): Promise<string> {
  const id = newId();
  await cardStep(
    actor,
    {
      action: 'card.made',
      entity: 'card',
      entityId: id,
      detail: `${number} for ${app.holderName} · ${device} · read back ${encodedText(read)}`,
    },
    async (w) => {
      const current = await db.cardApplications.get(app.id);
      if (!current) throw new CardLifeError('cards.notFound');
      if (current.state === 'made' || !canApplicationTransition(current.state, 'made'))
        throw new CardLifeError('cards.wrongState');
      await w.put('cardApplications', { ...current, state: 'made', updatedAt: w.now });
      const { company, holderName, idType, idNumber, phone, areas, validFrom, validTo, salesRep } =
        current;
      await w.put('cards', {
        id,
        applicationId: app.id,
        number,
        numberFinal: false,
        medium: read.medium,
        encoded: encodedText(read),
        company,
        holderName,
        idType,
        idNumber,
        phone,
        areas,
        validFrom,
        validTo,
        salesRep,
        state: 'made',
        device,
        madeAt: w.now,
        madeBy: actor,
        uploadedAt: null,
        uploadedBy: null,
        uploadAnswer: null,
        revokeReason: null,
        revokeRequestedBy: null,
        revokeRequestedAt: null,
        revokeMailAt: null,
        revokeMailBy: null,
        revokeMailTo: null,
        revokeConfirmedAt: null,
        revokeConfirmedBy: null,
        updatedAt: w.now,
      });
    },
  );
  return id;
}

/** A failed encode is recorded too (the trail shows every attempt), and nothing is made. */
export async function recordEncodeFailure(
  actor: string,
  app: CardApplication,
  code: string,
  device: string,
): Promise<void> {
  await cardStep(
    actor,
    {
      action: 'card.encodeFailed',
      entity: 'application',
      entityId: app.id,
      detail: `${code} · ${device}`,
    },
    async () => undefined,
  );
}

async function cardOf(id: string): Promise<IdCard> {
  const c = await db.cards.get(id);
  if (!c) throw new CardLifeError('cards.notFound');
  return c;
}

/**
 * The card as it is now, if it may move to `to` — checked against the same
 * table the hub applies (shared/domain/card.ts), so the desk refuses locally
 * what the hub would refuse after sync. Staying put is never a step here.
 */
async function cardFor(id: string, to: CardState): Promise<IdCard> {
  const c = await cardOf(id);
  if (c.state === to || !canCardTransition(c.state, to)) throw new CardLifeError('cards.wrongState');
  return c;
}

/** Records one upload attempt's answer; a failed webhook upload stays queued (state failed) for a retry. */
export async function recordUpload(
  actor: string,
  card: IdCard,
  action: CardUpload['action'],
  via: CardUpload['via'],
  result: UploadResult,
  queued?: CardUpload,
): Promise<void> {
  const detail = `${card.number} ${action} via ${via}: ${result.ok ? 'accepted' : 'failed'} ${result.status} ${result.answer.slice(0, 120)}`;
  await cardStep(
    actor,
    {
      action: result.ok ? 'card.uploaded' : 'card.uploadFailed',
      entity: 'card',
      entityId: card.id,
      detail,
    },
    async (w) => {
      const upload: CardUpload = {
        id: queued?.id ?? newId(),
        cardId: card.id,
        cardNumber: card.number,
        action,
        via,
        state: result.ok ? 'done' : 'failed',
        attempts: (queued?.attempts ?? 0) + 1,
        lastStatus: result.status,
        lastAnswer: result.answer,
        lastAt: result.at,
        by: actor,
        createdAt: queued?.createdAt ?? w.now,
        updatedAt: w.now,
      };
      await w.put('cardUploads', upload);
      const current = await cardOf(card.id);
      if (result.ok && action === 'add' && current.state !== 'uploaded' && canCardTransition(current.state, 'uploaded')) {
        await w.put('cards', {
          ...current,
          state: 'uploaded',
          uploadedAt: result.at,
          uploadedBy: actor,
          uploadAnswer: result.answer,
          updatedAt: w.now,
        });
      }
    },
  );
}

export async function requestRevocation(
  actor: string,
  card: IdCard,
  reason: 'cancel' | 'lost',
  requestedBy: string,
): Promise<void> {
  await cardStep(
    actor,
    {
      action: 'card.revokeRequested',
      entity: 'card',
      entityId: card.id,
      detail: `${card.number} ${reason} asked by ${requestedBy}`,
    },
    async (w) => {
      const c = await cardFor(card.id, 'revokeRequested');
      await w.put('cards', {
        ...c,
        state: 'revokeRequested',
        revokeReason: reason,
        revokeRequestedBy: requestedBy,
        revokeRequestedAt: w.now,
        updatedAt: w.now,
      });
    },
  );
}

export async function recordRevocationMail(
  actor: string,
  card: IdCard,
  sentAt: string,
  recipients: string[],
): Promise<void> {
  await cardStep(
    actor,
    {
      action: 'card.revokeMailed',
      entity: 'card',
      entityId: card.id,
      detail: `${card.number} mail to ${recipients.join(', ')}`,
    },
    async (w) => {
      // A mail sent again (no answer from systems) keeps the card revokeMailed.
      const c = await cardOf(card.id);
      if (!canCardTransition(c.state, 'revokeMailed')) throw new CardLifeError('cards.wrongState');
      await w.put('cards', {
        ...c,
        state: 'revokeMailed',
        revokeMailAt: sentAt,
        revokeMailBy: actor,
        revokeMailTo: recipients.join(', '),
        updatedAt: w.now,
      });
    },
  );
}

export async function confirmRevocation(
  actor: string,
  card: IdCard,
  confirmedBy: string,
): Promise<void> {
  await cardStep(
    actor,
    {
      action: 'card.revoked',
      entity: 'card',
      entityId: card.id,
      detail: `${card.number} confirmed by ${confirmedBy}`,
    },
    async (w) => {
      const c = await cardFor(card.id, 'revoked');
      await w.put('cards', {
        ...c,
        state: 'revoked',
        revokeConfirmedAt: w.now,
        revokeConfirmedBy: confirmedBy,
        updatedAt: w.now,
      });
    },
  );
}
