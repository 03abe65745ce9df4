/**
 * The hub's one storage seam: PostgreSQL SQL over either embedded PGlite or a
 * PostgreSQL server. Everything above it writes plain PostgreSQL and passes
 * JSON as text cast to jsonb, so both backends read the same.
 */
export interface SqlExecutor {
  /** Runs one statement with $1… parameters and returns its rows. */
  query<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface SqlStore extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction (READ COMMITTED): committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Subscribes to NOTIFY on `channel`; resolves once listening. Returns the unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * A whole batch as ONE query parameter, read in SQL as `$n::text::jsonb` (e.g.
 * by `jsonb_to_recordset`). It is passed as its UTF-8 bytes, which both
 * drivers send as they are, in binary format (PostgreSQL reads binary `text`
 * as those bytes): a string parameter would be re-measured and re-encoded in
 * JavaScript, character by character, by PGlite — slower than the insert it
 * feeds for a batch of 500 rows.
 */
export function bulkJson(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** Bigint columns come back as string (pg) or number/bigint (PGlite): one reader for all. */
export function toInt(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint' || typeof v === 'string') return Number(v);
  return 0;
}

/** jsonb comes back parsed from both drivers; text only from hand-written casts. */
export function toJson<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v === 'string') return JSON.parse(v) as T;
  return v as T;
}
