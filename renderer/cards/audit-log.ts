import { sealEntry, verifyChains, type ChainReport } from '../../shared/cards/audit-chain';
import type { CardAuditEntry } from '../../shared/domain/card';
import { commit, type Writer } from '../db/commit';
import { newId } from '../db/ids';
import { db, type FrontdeskDb } from '../db/schema';

const CHAIN_KEY = 'cards.auditChain';

/** This desk's chain id, made once per database (kept in meta, which never syncs). */
async function chainId(database: FrontdeskDb): Promise<string> {
  const known = (await database.meta.get(CHAIN_KEY))?.value;
  if (known) return known;
  const id = `desk-${crypto.randomUUID().slice(0, 8)}`;
  await database.meta.put({ key: CHAIN_KEY, value: id });
  return id;
}

async function headOf(database: FrontdeskDb, chain: string): Promise<CardAuditEntry | undefined> {
  return database.cardAudit.where('[chain+seq]').between([chain, 0], [chain, Infinity]).last();
}

export class AuditRaceError extends Error {
  readonly code = 'cards.auditRace';
}

export interface CardStep {
  action: string;
  entity: 'application' | 'card' | 'upload' | 'workVisit';
  entityId: string;
  detail: string;
}

/**
 * One step of a card's life: the change and its audit entry commit together.
 * The hash is computed before the transaction (Web Crypto is not IndexedDB:
 * awaiting it inside would let the transaction close), and the transaction
 * checks the chain head is still the one hashed against, retrying otherwise,
 * so the chain stays linear even with two tabs writing.
 */
export async function cardStep<T>(
  actor: string,
  step: CardStep,
  work: (w: Writer) => Promise<T>,
  database: FrontdeskDb = db,
): Promise<T> {
  const chain = await chainId(database);
  for (let attempt = 0; ; attempt++) {
    const head = await headOf(database, chain);
    const entry = await sealEntry(head, {
      id: newId(),
      chain,
      at: new Date().toISOString(),
      actor,
      ...step,
    });
    try {
      return await commit(
        actor,
        async (w) => {
          const now = await headOf(database, chain);
          if (now?.id !== head?.id) throw new AuditRaceError('the audit chain moved');
          const result = await work(w);
          await w.put('cardAudit', entry);
          return result;
        },
        database,
      );
    } catch (err) {
      if (!(err instanceof AuditRaceError) || attempt >= 4) throw err;
    }
  }
}

export async function verifyCardAudit(database: FrontdeskDb = db): Promise<ChainReport> {
  return verifyChains(await database.cardAudit.toArray());
}

/** The whole trail as the file `npm run audit:verify` reads. */
export async function exportCardAudit(database: FrontdeskDb = db): Promise<string> {
  const entries = await database.cardAudit.toArray();
  return JSON.stringify(
    { kind: 'frontdesk.cardAudit', exportedAt: new Date().toISOString(), entries },
    null,
    1,
  );
}
