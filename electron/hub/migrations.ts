import { randomUUID } from 'node:crypto';
import type { SqlStore } from './store';

/**
 * Schema migrations, applied in order at start inside one transaction each and
 * recorded in `schema_migrations`. Never edit a released migration; add one.
 * An advisory lock keeps two hubs starting together on one PostgreSQL from
 * racing each other.
 */
const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE hub_meta (key text PRIMARY KEY, value text NOT NULL);
      -- The pull cursor. Its single row is locked by every writing transaction
      -- until commit, so seq order is commit order (sync.md B.5.5).
      CREATE TABLE sync_counter (id int PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL);
      INSERT INTO sync_counter VALUES (1, 0);
      -- Only the deliberately broken allocator of the concurrency test uses this.
      CREATE SEQUENCE unsafe_seq;
      CREATE TABLE records (
        tbl text NOT NULL,
        key text NOT NULL,
        fields jsonb NOT NULL,
        field_hlc jsonb NOT NULL,
        deleted_hlc text,
        owner text NOT NULL,
        last_seq bigint NOT NULL,
        PRIMARY KEY (tbl, key)
      );
      CREATE INDEX records_last_seq ON records (last_seq);
      CREATE TABLE clients (
        client_id text PRIMARY KEY,
        subject text NOT NULL,
        last_client_seq bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now()
      );
      -- One row per mutation ever received (applied or not): idempotency and audit.
      CREATE TABLE changes (
        id bigserial PRIMARY KEY,
        seq bigint,
        mutation_id text NOT NULL UNIQUE,
        client_id text NOT NULL,
        client_seq bigint NOT NULL,
        subject text NOT NULL,
        tbl text NOT NULL,
        key text NOT NULL,
        op text NOT NULL,
        payload jsonb,
        hlc text NOT NULL,
        outcome text NOT NULL,
        reason text,
        received_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (client_id, client_seq)
      );
      CREATE TABLE users (
        id text PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        role text NOT NULL,
        salt text NOT NULL,
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE devices (
        id text PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL,
        enrolled_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE TABLE tokens (
        token_hash text PRIMARY KEY,
        subject_kind text NOT NULL,
        subject_id text NOT NULL,
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX tokens_subject ON tokens (subject_id);
      CREATE TABLE pairing_codes (
        code_hash text PRIMARY KEY,
        created_by text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE TABLE number_counters (kind text NOT NULL, period text NOT NULL, value bigint NOT NULL, PRIMARY KEY (kind, period));
      CREATE TABLE number_assignments (request_id text PRIMARY KEY, kind text NOT NULL, value bigint NOT NULL, label text NOT NULL);
    `,
  },
  {
    version: 2,
    sql: `
      -- The client whose own replica is known to hold exactly this row (see echo.ts):
      -- its pulls skip the row instead of sending the client its own writes back.
      ALTER TABLE records ADD COLUMN echo_client text;
    `,
  },
];

export const LATEST_MIGRATION = MIGRATIONS.length;

export async function migrate(store: SqlStore): Promise<void> {
  for (const m of MIGRATIONS) {
    await store.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(4242)');
      await tx.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = await tx.query<{ version: number }>('SELECT version FROM schema_migrations WHERE version = $1', [m.version]);
      if (done.length > 0) return;
      for (const statement of m.sql.split(';').map((s) => s.trim()).filter((s) => s.length > 0)) {
        await tx.query(statement);
      }
      if (m.version === 1) await tx.query(`INSERT INTO hub_meta VALUES ('epoch', $1)`, [randomUUID()]);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
    });
  }
}
