/**
 * HTTP to the hub, with every failure turned into a typed `SyncError` the
 * loop can act on: `offline` (no answer at all) and `unavailable` (503) are
 * retried with back-off; `unauthorized` ends the session; `updateRequired`
 * stops pushing but keeps the outbox.
 */
import {
  pullResponseSchema,
  pushResponseSchema,
  syncErrorBodySchema,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../shared/sync/protocol';

export const SYNC_FAILURES = ['offline', 'unavailable', 'unauthorized', 'forbidden', 'updateRequired', 'protocol'] as const;
export type SyncFailure = (typeof SYNC_FAILURES)[number];

export class SyncError extends Error {
  constructor(
    readonly code: SyncFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface HubTransport {
  push(req: PushRequest, token: string): Promise<PushResponse>;
  pull(req: PullRequest, token: string): Promise<PullResponse>;
}

/** The transport over `fetch`; `base` is the hub's origin. */
export function httpTransport(base: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): HubTransport {
  const post = async (path: string, body: object, token: string): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetchImpl(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    } catch {
      throw new SyncError('offline', 'The hub cannot be reached');
    }
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) return json;
    const err = syncErrorBodySchema.safeParse(json);
    const code = err.success ? err.data.code : null;
    const message = err.success ? err.data.message : `HTTP ${res.status}`;
    if (code === 'unauthorized' || res.status === 401) throw new SyncError('unauthorized', message);
    if (code === 'forbidden') throw new SyncError('forbidden', message);
    if (code === 'clientUpdateRequired' || code === 'hubUpdateRequired') throw new SyncError('updateRequired', message);
    if (res.status >= 500 || res.status === 0) throw new SyncError('unavailable', message);
    throw new SyncError('protocol', message);
  };
  const parse = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, v: unknown): T => {
    const r = schema.safeParse(v);
    if (!r.success) throw new SyncError('protocol', 'The hub sent an answer this app does not understand');
    return r.data;
  };
  return {
    push: async (req, token) => parse(pushResponseSchema, await post('/v1/sync/push', req, token)),
    pull: async (req, token) => parse(pullResponseSchema, await post('/v1/sync/pull', req, token)),
  };
}
