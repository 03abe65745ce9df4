/**
 * Sync with the hub (issue 3): where the hub is, demo sessions and kiosk
 * pairing. The sync protocol itself is HTTP between the renderer and the hub
 * (shared/sync/protocol.ts); these calls only set it up.
 */
import { z } from 'zod';
import { method, okResponse } from '../api-core';

export const hubInfoSchema = z.object({
  /**
   * The hub's own address. Browser mode's pages use their own origin instead
   * (the web server forwards /v1 to the embedded hub), so the CSP's
   * `connect-src 'self'` holds and a LAN kiosk needs only one port.
   */
  url: z.string(),
  /** The hub runs inside these desk services (rather than on a server). */
  embedded: z.boolean(),
  /** Demo install: the kiosk is enrolled and the console signed in without asking. */
  autoSession: z.boolean(),
});
export type HubInfo = z.infer<typeof hubInfoSchema>;

export const hubSessionSchema = z.object({
  token: z.string(),
  kind: z.enum(['user', 'device']),
  subject: z.string(),
  role: z.string(),
  /** The user's display name (the console's "on duty"), or the kiosk's device name. */
  name: z.string(),
});
export type HubSession = z.infer<typeof hubSessionSchema>;

export const SYNC_METHODS = {
  'sync:hubInfo': method(z.object({}).strict(), hubInfoSchema, ['kiosk', 'console', 'cards']),
  /** Demo mode only: a session without a password or code (kiosk: enrolled; console: the demo receptionist). */
  'sync:demoSession': method(z.object({}).strict(), hubSessionSchema, ['kiosk', 'console', 'cards']),
  /** Demo installs only: the demo world starts over (clients re-snapshot, keeping their outboxes). */
  'sync:resetDemo': method(z.object({}).strict(), okResponse, ['console']),
  /** The console makes a one-time pairing code (8 digits, 10 minutes) for a kiosk, with its own token. */
  'sync:pairingCode': method(
    z.object({ token: z.string().min(1) }).strict(),
    z.object({ code: z.string(), expiresAt: z.string() }),
    ['console'],
  ),
} as const;
export const SYNC_EVENTS = {} as const;
