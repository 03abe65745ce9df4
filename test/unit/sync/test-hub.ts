/**
 * The set-up the client-side sync tests share: a real hub on in-memory
 * PGlite with one receptionist (李娜), and fresh replicas (fake-indexeddb
 * databases) signed in as her.
 */
import { startHub, type Hub } from '../../../electron/hub/hub';
import type { SqlStore } from '../../../electron/hub/store';
import { openPglite } from '../../../electron/hub/store-pglite';
import { FrontdeskDb } from '../../../renderer/db/schema';
import { storeSession } from '../../../renderer/sync/session';

export interface TestHub {
  store: SqlStore;
  hub: Hub;
  token: string;
  userId: string;
  /** A new local database, named after `prefix`, holding 李娜's session. */
  replica(): Promise<FrontdeskDb>;
  /** How many replicas were made: tests use it to keep their row ids apart. */
  readonly made: number;
  close(): Promise<void>;
}

export async function startTestHub(prefix: string): Promise<TestHub> {
  const store = await openPglite({ dataDir: 'memory://' });
  const hub = await startHub({ store, stateDir: null });
  await hub.auth.createUser({ username: 'lina', password: 'frontdesk', role: 'receptionist', displayName: '李娜' });
  const { token, userId } = await hub.auth.login('lina', 'frontdesk');
  let n = 0;
  return {
    store,
    hub,
    token,
    userId,
    get made() {
      return n;
    },
    async replica() {
      n += 1;
      const database = new FrontdeskDb(`${prefix}-${n}-${Date.now()}`);
      await storeSession({ token, kind: 'user', subject: userId, role: 'receptionist', name: '李娜' }, database);
      return database;
    },
    async close() {
      await hub.close();
      await store.close();
    },
  };
}
