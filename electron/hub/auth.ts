/**
 * Who is calling: console users (password → token) and kiosks (one-time
 * pairing code → device token). Tokens are random 256-bit strings; only their
 * SHA-256 is stored, so a database dump does not hand out sessions.
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { HUB_ROLES, type HubRole } from '../../shared/sync/tables';
import { HubError } from './errors';
import { hashPassword, verifyPassword } from './password';
import type { SqlStore } from './store';

export interface Principal {
  kind: 'user' | 'device';
  id: string;
  role: HubRole;
}

export interface AuthOptions {
  now: () => number;
  /** Console sessions end after this; device tokens last until revoked. */
  userTokenTtlMs: number;
  pairingCodeTtlMs: number;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const newToken = (): string => randomBytes(32).toString('base64url');
const isRole = (r: string): r is HubRole => (HUB_ROLES as readonly string[]).includes(r);

// Verified against when the user does not exist, so an unknown name takes as long as a wrong password.
const DUMMY = hashPassword('not-a-password');

export class HubAuth {
  constructor(
    private readonly store: SqlStore,
    private readonly opts: AuthOptions,
  ) {}

  private iso(offsetMs = 0): string {
    return new Date(this.opts.now() + offsetMs).toISOString();
  }

  async createUser(input: { username: string; password: string; role: HubRole; displayName?: string }): Promise<string> {
    const id = randomUUID();
    const { salt, hash } = await hashPassword(input.password);
    await this.store.query(
      'INSERT INTO users (id, username, display_name, role, salt, password_hash) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, input.username, input.displayName ?? input.username, input.role, salt, hash],
    );
    return id;
  }

  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; userId: string; role: HubRole; expiresAt: string; displayName: string }> {
    const [user] = await this.store.query<{ id: string; role: string; salt: string; password_hash: string; disabled: boolean; display_name: string }>(
      'SELECT id, role, salt, password_hash, disabled, display_name FROM users WHERE username = $1',
      [username],
    );
    const ok = await verifyPassword(password, user ? { salt: user.salt, hash: user.password_hash } : await DUMMY);
    if (!user || !ok || user.disabled || !isRole(user.role)) throw new HubError('loginFailed', 'Wrong user name or password');
    const token = newToken();
    const expiresAt = this.iso(this.opts.userTokenTtlMs);
    await this.store.query(
      `INSERT INTO tokens (token_hash, subject_kind, subject_id, role, expires_at) VALUES ($1, 'user', $2, $3, $4)`,
      [sha256(token), user.id, user.role, expiresAt],
    );
    // The display name is the console's "on duty" and the actor of its changes.
    return { token, userId: user.id, role: user.role, expiresAt, displayName: user.display_name };
  }

  /** A short numeric code the console shows; whoever types it on a kiosk within the TTL enrols it, once. */
  async createPairingCode(by: Principal): Promise<{ code: string; expiresAt: string }> {
    if (by.kind !== 'user' || !['admin', 'supervisor', 'receptionist'].includes(by.role)) {
      throw new HubError('forbidden', 'Only the desk can enrol a kiosk');
    }
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    const expiresAt = this.iso(this.opts.pairingCodeTtlMs);
    await this.store.query('INSERT INTO pairing_codes (code_hash, created_by, expires_at) VALUES ($1, $2, $3)', [
      sha256(code),
      by.id,
      expiresAt,
    ]);
    return { code, expiresAt };
  }

  /** Exchanges a pairing code for a device token. The code is consumed atomically: single use. */
  async enrol(code: string, deviceName: string): Promise<{ deviceId: string; token: string; role: HubRole }> {
    return this.store.transaction(async (tx) => {
      const [row] = await tx.query<{ created_by: string }>(
        'UPDATE pairing_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING created_by',
        [sha256(code), this.iso()],
      );
      if (!row) throw new HubError('pairingInvalid', 'This pairing code is wrong, used or expired');
      const deviceId = randomUUID();
      const token = newToken();
      await tx.query(`INSERT INTO devices (id, name, role, enrolled_by) VALUES ($1, $2, 'kiosk', $3)`, [deviceId, deviceName, row.created_by]);
      await tx.query(`INSERT INTO tokens (token_hash, subject_kind, subject_id, role) VALUES ($1, 'device', $2, 'kiosk')`, [
        sha256(token),
        deviceId,
      ]);
      return { deviceId, token, role: 'kiosk' };
    });
  }

  /** The caller behind a bearer token, or `unauthorized`. */
  async authenticate(token: string | null): Promise<Principal> {
    if (!token) throw new HubError('unauthorized', 'Sign in first');
    const [row] = await this.store.query<{ subject_kind: string; subject_id: string; role: string }>(
      `SELECT t.subject_kind, t.subject_id, t.role FROM tokens t
        LEFT JOIN devices d ON t.subject_kind = 'device' AND d.id = t.subject_id
        LEFT JOIN users u ON t.subject_kind = 'user' AND u.id = t.subject_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
          AND d.revoked_at IS NULL AND (u.disabled IS NULL OR u.disabled = false)`,
      [sha256(token), this.iso()],
    );
    if (!row || !isRole(row.role) || (row.subject_kind !== 'user' && row.subject_kind !== 'device')) {
      throw new HubError('unauthorized', 'This session has ended or was revoked; sign in or enrol again');
    }
    return { kind: row.subject_kind, id: row.subject_id, role: row.role };
  }

  async revokeToken(token: string): Promise<void> {
    await this.store.query('UPDATE tokens SET revoked_at = $2 WHERE token_hash = $1', [sha256(token), this.iso()]);
  }

  /** Revokes a device and every token it holds (a stolen or retired kiosk). */
  async revokeDevice(deviceId: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      await tx.query('UPDATE devices SET revoked_at = $2 WHERE id = $1', [deviceId, this.iso()]);
      await tx.query('UPDATE tokens SET revoked_at = $2 WHERE subject_id = $1 AND revoked_at IS NULL', [deviceId, this.iso()]);
    });
  }
}
