import type { SYNC_METHODS } from '../../../shared/api/sync';
import type { HandlersFor } from '../api-handler';
import type { ServiceContext } from '../service-context';
import type { RunningHub } from '../../hub/embedded';
import { log } from '../log';
import { DEMO_PASSWORD, DEMO_USERS, resetDemoWorld, startEmbeddedHub } from './sync-hub';

export class SyncServiceError extends Error {
  constructor(
    readonly code: 'sync.noHub' | 'sync.notDemo',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The main side of shared/api/sync.ts. Unless FRONTDESK_HUB_URL names a hub
 * elsewhere, the hub runs embedded here (the console machine is the hub).
 * It starts in the background; calls wait for it.
 */
export function createSyncHandlers(ctx: ServiceContext): HandlersFor<typeof SYNC_METHODS> {
  const remote = process.env.FRONTDESK_HUB_URL?.trim() || null;
  const demo = ctx.demo ?? false;
  // Started on first use (a window's start-up asks for sync:hubInfo at once), so
  // services that never sync — tools, tests of other features — never pay for PGlite.
  let started: Promise<RunningHub | null> | null = null;
  const hubStart = (): Promise<RunningHub | null> => {
    if (!started) {
      started = remote ? Promise.resolve(null) : startEmbeddedHub(ctx.dataDir, demo);
      // A failed start is reported on every call instead of crashing the services.
      started.catch((err: unknown) => log.error('sync: the embedded hub did not start', err));
    }
    return started;
  };
  ctx.onClose(async () => {
    const running = started ? await started.catch(() => null) : null;
    await running?.stop();
  });
  const embedded = async (): Promise<RunningHub> => {
    const running = await hubStart();
    if (!running) throw new SyncServiceError('sync.noHub', 'The hub is not embedded here');
    return running;
  };

  return {
    'sync:hubInfo': async () => {
      const running = await hubStart();
      return { url: running?.hub.url ?? remote ?? '', embedded: running !== null, autoSession: demo && running !== null };
    },
    'sync:demoSession': async (_req, call) => {
      if (!demo) throw new SyncServiceError('sync.notDemo', 'Sign in or pair this kiosk: this is not a demo install');
      const { hub: h } = await embedded();
      const user = DEMO_USERS[0];
      const login = await h.auth.login(user.username, DEMO_PASSWORD);
      if (call.role !== 'kiosk') {
        return { token: login.token, kind: 'user', subject: login.userId, role: login.role, name: user.displayName };
      }
      // A kiosk on the demo machine is enrolled as if the receptionist had typed the code for it.
      const principal = await h.auth.authenticate(login.token);
      const code = await h.auth.createPairingCode(principal);
      const device = await h.auth.enrol(code.code, 'Demo kiosk');
      await h.auth.revokeToken(login.token);
      return { token: device.token, kind: 'device', subject: device.deviceId, role: device.role, name: 'Demo kiosk' };
    },
    'sync:resetDemo': async () => {
      if (!demo) throw new SyncServiceError('sync.notDemo', 'Only a demo install can start its demo world over');
      await resetDemoWorld(await embedded());
      return { ok: true as const };
    },
    'sync:pairingCode': async (req) => {
      const { hub: h } = await embedded();
      return h.auth.createPairingCode(await h.auth.authenticate(req.token));
    },
  };
}
