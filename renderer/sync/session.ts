/**
 * Getting and keeping a hub session: a console user's login, a kiosk's
 * device token from a pairing code, or (demo installs) one handed out by the
 * desk services. The token is kept in the database's meta, so every window of
 * this origin uses the same one and a kiosk stays enrolled across restarts.
 */
import { z } from 'zod';
import type { HubSession } from '../../shared/api/sync';
import { db, type FrontdeskDb } from '../db/schema';
import { META, readSession, writeMeta } from './sync-meta';

export class SessionError extends Error {
  constructor(
    readonly code: 'loginFailed' | 'pairingInvalid' | 'offline',
    message: string,
  ) {
    super(message);
  }
}

const loginAnswer = z.object({ token: z.string(), userId: z.string(), role: z.string(), displayName: z.string().optional() });
const enrolAnswer = z.object({ token: z.string(), deviceId: z.string(), role: z.string() });

async function post(base: string, path: string, body: object, failure: SessionError['code']): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new SessionError('offline', 'The hub cannot be reached');
  }
  if (!res.ok) throw new SessionError(res.status >= 500 ? 'offline' : failure, `HTTP ${res.status}`);
  return res.json();
}

export async function login(hubUrl: string, username: string, password: string): Promise<HubSession> {
  const a = loginAnswer.parse(await post(hubUrl, '/v1/login', { username, password }, 'loginFailed'));
  return { token: a.token, kind: 'user', subject: a.userId, role: a.role, name: a.displayName ?? username };
}

export async function enrol(hubUrl: string, code: string, deviceName: string): Promise<HubSession> {
  const a = enrolAnswer.parse(await post(hubUrl, '/v1/enrol', { code, deviceName }, 'pairingInvalid'));
  return { token: a.token, kind: 'device', subject: a.deviceId, role: a.role, name: deviceName };
}

/**
 * Stores the session. When its role differs from the last one (a kiosk's
 * origin where the console now signs in), the readable scope changed, so the
 * cursor goes back to 0: rows scanned past under the narrower scope come again.
 */
export async function storeSession(session: HubSession, database: FrontdeskDb = db): Promise<void> {
  await database.transaction('rw', database.meta, async () => {
    const before = await readSession(database.meta);
    if (before?.role !== session.role) {
      await database.meta.delete(META.cursor);
      await database.meta.delete(META.epoch);
    }
    await writeMeta(database.meta, META.session, JSON.stringify(session));
    await database.meta.delete(META.revoked);
  });
}

/** The session fits this face: a console needs a user; a kiosk any session of this origin. */
export function sessionFits(face: string, session: HubSession | null): boolean {
  if (!session) return false;
  return face === 'kiosk' ? true : session.kind === 'user';
}
