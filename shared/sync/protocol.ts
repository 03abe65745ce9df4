/**
 * The sync protocol between a renderer replica and the hub: push (outbox
 * batches) and pull (row snapshots after a cursor). Both sides validate every
 * message with these schemas; the hub never trusts a client.
 */
import { z } from 'zod';
import { isHlc } from './hlc';

/**
 * Bumped whenever a message or record shape changes incompatibly. A client
 * older than the hub is told to update and keeps its outbox until it can push.
 */
// 2: switchboard, passes and cards tables synced; hub-assigned card and handover-sheet numbers.
// 3: pulled rows carry their stamps packed (stamps.ts): a row's shared stamp once, `fieldHlc` only the others.
export const SYNC_SCHEMA_VERSION = 3;

/** Mirrors renderer/db/schema.ts SYNCED_TABLES (shared/ may not import the renderer). */
export const SYNC_TABLES = [
  'visits',
  'appointments',
  'staff',
  'watchlist',
  'alerts',
  'audit',
  // switchboard
  'calls',
  'smdrLines',
  'messages',
  'tenants',
  'emergencyNumbers',
  'tariffs',
  'pbxFaults',
  // passes
  'passes',
  'passIssues',
  'handoverSheets',
  // cards
  'cardApplications',
  'cards',
  'cardUploads',
  'workVisits',
  'cardAudit',
] as const;
export type SyncTable = (typeof SYNC_TABLES)[number];

/** Largest batch a client may push and page a client may ask for (sync.md B.5.3 step 5). */
export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_LIMIT = 1000;

export const hlcSchema = z.string().refine(isHlc, 'not an HLC stamp');
const idSchema = z.string().min(1).max(64);

/**
 * One outbox row on the wire. `put` carries the fields written (ideally only
 * the changed ones: every field sent is stamped with `hlc`); `delete` leaves a
 * tombstone; `restore` lifts a tombstone.
 */
export const mutationSchema = z.object({
  clientSeq: z.number().int().min(1),
  mutationId: idSchema,
  table: z.enum(SYNC_TABLES),
  op: z.enum(['put', 'delete', 'restore']),
  key: idSchema,
  value: z.record(z.string(), z.unknown()).nullable(),
  hlc: hlcSchema,
  /**
   * What the writing replica's own row is after this write, when it knows:
   * `new` — exactly `value` (it had no row before); `overlay` — its row before
   * with `value` laid over it (no field dropped). The hub uses it to tell
   * when the client already holds the hub's row (electron/hub/echo.ts).
   */
  local: z.enum(['new', 'overlay']).optional(),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.object({
  schemaVersion: z.number().int(),
  clientId: idSchema,
  /** The client's clock now, so the hub can tell it how far it is off. */
  hlc: hlcSchema,
  mutations: z.array(mutationSchema).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Why the hub refused a mutation for good; the UI shows a message per code. */
export const REJECT_REASONS = ['validation', 'forbidden', 'transition', 'notFound'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * - applied: changed at least one field or the tombstone;
 * - superseded: valid, but every part lost to a newer write (or a delete to an
 *   earlier one); a put on a deleted row is rejected (`notFound`) instead;
 * - duplicate: seen before (a re-sent batch); nothing done again;
 * - rejected: refused for good with `reason`; acked so it never blocks later ones.
 */
export const OUTCOME_STATUSES = ['applied', 'superseded', 'duplicate', 'rejected'] as const;
export const outcomeSchema = z.object({
  clientSeq: z.number().int(),
  mutationId: z.string(),
  status: z.enum(OUTCOME_STATUSES),
  reason: z.enum(REJECT_REASONS).optional(),
  message: z.string().optional(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const pushResponseSchema = z.object({
  epoch: z.string(),
  /** Every outbox row with clientSeq ≤ this may be deleted by the client. */
  lastClientSeq: z.number().int(),
  outcomes: z.array(outcomeSchema),
  /** Set when the batch skipped a clientSeq: resend from here. Later mutations were not looked at. */
  expectedSeq: z.number().int().nullable(),
  hubHlc: hlcSchema,
  /** The client's clock minus the hub's, for the UI's skew warning. */
  clockSkewMs: z.number(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.object({
  schemaVersion: z.number().int(),
  clientId: idSchema,
  /** The epoch the cursor belongs to; null on a first sync. */
  epoch: z.string().nullable(),
  cursor: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT),
  /**
   * Leave out rows this client's own replica already holds as they are (its
   * own writes, echo.ts). Only a replica whose rows are intact asks: never
   * during a re-snapshot, whose pages must bring everything back.
   */
  skipEchoes: z.boolean().optional(),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** A full row snapshot: pulling states, not ops, compacts history for free. */
const isPlainRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A pulled page holds thousands of rows of some thirty stamped fields each:
 * the two records are checked by one predicate each rather than by zod's
 * per-entry record schemas, which cost more than applying the page (zod
 * cannot compile its checks under the renderer's CSP). Same rules: plain
 * objects; every stamp an HLC.
 */
const fieldsSchema = z.custom<Record<string, unknown>>(isPlainRecord, 'fields must be an object');
const fieldHlcSchema = z.custom<Record<string, string>>(
  (v) => isPlainRecord(v) && Object.values(v).every((s) => typeof s === 'string' && isHlc(s)),
  'fieldHlc must map fields to HLC stamps',
);

export const rowChangeSchema = z.object({
  table: z.enum(SYNC_TABLES),
  key: z.string(),
  seq: z.number().int(),
  fields: fieldsSchema,
  /** Packed stamps (stamps.ts): `hlc` is the stamp of every field in `fields` that `fieldHlc` does not name. */
  hlc: hlcSchema.optional(),
  fieldHlc: fieldHlcSchema,
  deletedHlc: hlcSchema.nullable(),
});
export type RowChange = z.infer<typeof rowChangeSchema>;

export const pullResponseSchema = z.object({
  epoch: z.string(),
  /**
   * True when the request's epoch is not the hub's (a restored or new hub):
   * the client clears its synced tables, keeps its outbox and pulls from 0.
   * The page in this response already starts from cursor 0.
   */
  reset: z.boolean(),
  changes: z.array(rowChangeSchema),
  nextCursor: z.number().int(),
  hasMore: z.boolean(),
  hubHlc: hlcSchema,
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** A WebSocket message from the hub: "pull now". It carries no data, so it needs no scope. */
export const pokeSchema = z.object({ type: z.literal('poke'), seq: z.number().int() });
export type Poke = z.infer<typeof pokeSchema>;

export const SYNC_ERROR_CODES = [
  'validation',
  'unauthorized',
  'forbidden',
  'clientUpdateRequired',
  'hubUpdateRequired',
  'unavailable',
  'notFound',
  'tooLarge',
  'pairingInvalid',
  'loginFailed',
  'internal',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export const syncErrorBodySchema = z.object({
  code: z.enum(SYNC_ERROR_CODES),
  message: z.string(),
  hubSchemaVersion: z.number().int().optional(),
});
export type SyncErrorBody = z.infer<typeof syncErrorBodySchema>;

/** Sequential business numbers the hub assigns (offline clients show a provisional one). */
export const NUMBER_KINDS = ['complaint', 'card', 'passSheet'] as const;
export type NumberKind = (typeof NUMBER_KINDS)[number];

export const numberRequestSchema = z.object({
  kind: z.enum(NUMBER_KINDS),
  /** The mutation id of the record waiting for the number: a retry gets the same number. */
  requestId: idSchema,
});
export const numberResponseSchema = z.object({ kind: z.enum(NUMBER_KINDS), value: z.number().int(), label: z.string() });
export type NumberResponse = z.infer<typeof numberResponseSchema>;
