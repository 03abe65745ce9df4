/**
 * Start-up of sync for one face: find the hub, make sure there is a session
 * (demo installs get one from the desk services without asking), start the
 * origin's sync loop, and on a database that never synced wait (briefly) for
 * the first snapshot so the face opens on the shared world, not an empty one.
 */
import type { AppInfo } from '../../shared/api';
import type { HubInfo, HubSession } from '../../shared/api/sync';
import { liveQuery } from 'dexie';
import { db } from '../db/schema';
import { call } from '../transport/api';
import { httpTransport } from './hub-transport';
import { SyncLoop } from './sync-loop';
import { META, readMeta, readSession } from './sync-meta';
import { sessionFits, storeSession } from './session';

export interface SyncStart {
  hubUrl: string;
  loop: SyncLoop;
}

/** The console helper's "on duty" key (renderer/console/ui-store.ts): the signed-in user is the actor. */
const OPERATOR_KEY = 'frontdesk.console.operator';

/** Makes the signed-in user the console's "on duty" name (and so the actor of its changes). */
export async function adoptOperator(face: string, session: HubSession): Promise<void> {
  if (face !== 'console' || session.kind !== 'user') return;
  localStorage.setItem(OPERATOR_KEY, session.name);
  const { useConsoleUi } = await import('../console/ui-store');
  if (useConsoleUi.getState().operator !== session.name) useConsoleUi.getState().setOperator(session.name);
}

/**
 * Where this window reaches the hub: through its own origin — browser mode's
 * web.ts forwards /v1 to the embedded hub, the desktop app's app:// handler
 * forwards it to whichever hub the services use — so the CSP stays 'self'.
 */
function hubUrlFor(info: AppInfo, hub: HubInfo): string {
  if (info.transport === 'ipc') return location.origin;
  return hub.embedded ? location.origin : hub.url;
}

export async function startSync(info: AppInfo): Promise<SyncStart> {
  const hub = await call('sync:hubInfo', {});
  const hubUrl = hubUrlFor(info, hub);
  const face = info.role;
  const current = await readSession(db.meta);
  const revoked = await readMeta(db.meta, META.revoked);
  if (!sessionFits(face, current) && hub.autoSession && !revoked) {
    await storeSession(await call('sync:demoSession', {}));
  }
  const session = await readSession(db.meta);
  if (session && face === 'console' && session.kind === 'user') localStorage.setItem(OPERATOR_KEY, session.name);
  // Ask the browser not to evict this replica under storage pressure (sync.md B.5.7); a refusal changes nothing.
  void navigator.storage?.persist?.().catch(() => false);
  const loop = new SyncLoop({ database: db, transport: httpTransport(hubUrl), hubUrl });
  loop.start();
  if (session && (await readMeta(db.meta, META.cursor)) === null) await firstSnapshot(8_000);
  return { hubUrl, loop };
}

/**
 * Resolves once a first pull has stored a cursor (whichever window of the
 * origin leads the sync loop), or after `timeoutMs`: the face then opens and
 * fills in as rows arrive.
 */
function firstSnapshot(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const sub = liveQuery(() => readMeta(db.meta, META.cursor)).subscribe((cursor) => {
      if (cursor !== null) done();
    });
    const timer = setTimeout(() => done(), timeoutMs);
    function done(): void {
      clearTimeout(timer);
      sub.unsubscribe();
      resolve();
    }
  });
}
