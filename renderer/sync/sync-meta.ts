/**
 * The sync client's own state, kept in the `meta` table so it commits in the
 * same transactions as the data it describes.
 *
 * Invariants:
 * - `clientId` is created with the database and never reused after a wipe
 *   (a wiped database has no meta, so it gets a new random id; sync.md B.4).
 * - `clientSeq` is the last wire sequence handed out under `clientId`; it only
 *   moves inside write transactions, so wire sequences are gap-free.
 * - `cursor` and `epoch` move only in the transaction that applied the page.
 */
import { z } from 'zod';
import { hubSessionSchema, type HubSession } from '../../shared/api/sync';
import type { FrontdeskDb } from '../db/schema';

type MetaTable = FrontdeskDb['meta'];

export const META = {
  clientId: 'sync.clientId',
  clientSeq: 'sync.clientSeq',
  hlc: 'sync.hlc',
  cursor: 'sync.cursor',
  epoch: 'sync.epoch',
  session: 'sync.session',
  /** The subject the client id is bound to at the hub; another subject needs another id. */
  boundTo: 'sync.boundTo',
  status: 'sync.status',
  /** Set when the hub refused the session: the face asks again instead of signing in by itself. */
  revoked: 'sync.revoked',
  /**
   * Set from a re-snapshot's first page (the hub said `reset`; the readable
   * tables were cleared) until its last: those pulls must not skip the
   * replica's own rows (echoes), which are gone until they come back.
   */
  resnapshot: 'sync.resnapshot',
} as const;

export async function readMeta(meta: MetaTable, key: string): Promise<string | null> {
  return (await meta.get(key))?.value ?? null;
}

export async function writeMeta(meta: MetaTable, key: string, value: string): Promise<void> {
  await meta.put({ key, value });
}

export async function readNumber(meta: MetaTable, key: string): Promise<number> {
  const n = Number(await readMeta(meta, key));
  return Number.isFinite(n) ? n : 0;
}

/** A random id: never derived from anything that survives a wipe. */
export function newClientId(): string {
  return `c${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
}

/** Returns this database's client id, creating it with the first write. Call inside a transaction over meta. */
export async function clientIdOf(meta: MetaTable): Promise<string> {
  const id = await readMeta(meta, META.clientId);
  if (id) return id;
  const fresh = newClientId();
  await writeMeta(meta, META.clientId, fresh);
  return fresh;
}

export async function readSession(meta: MetaTable): Promise<HubSession | null> {
  const raw = await readMeta(meta, META.session);
  if (!raw) return null;
  const parsed = hubSessionSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

/** What the status component shows; written by the sync loop, read by every face through liveQuery. */
export const syncStatusSchema = z.object({
  state: z.enum(['online', 'offline', 'syncing', 'signedOut', 'updateRequired']),
  lastSyncAt: z.string().nullable(),
  /** The client's clock minus the hub's, from the last push. */
  skewMs: z.number(),
  message: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
export const INITIAL_STATUS: SyncStatus = { state: 'offline', lastSyncAt: null, skewMs: 0, message: null };

export function parseStatus(raw: string | null): SyncStatus {
  if (!raw) return INITIAL_STATUS;
  const parsed = syncStatusSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : INITIAL_STATUS;
}
