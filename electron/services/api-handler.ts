import type { z } from 'zod';
import {
  EVENTS,
  METHODS,
  isChannel,
  type ApiResult,
  type Channel,
  type EventName,
  type EventPayload,
  type Response,
  type Role,
} from '../../shared/api';
import { log } from './log';

export interface CallContext {
  role: Role;
}

/** The service functions behind each channel, typed from the contract. */
export type Handlers = {
  [C in Channel]: (
    request: z.output<(typeof METHODS)[C]['request']>,
    ctx: CallContext,
  ) => Promise<Response<C>>;
};

/** The handlers of one feature's contract file (shared/api/*.ts). */
export type HandlersFor<M> = { [C in keyof M & Channel]: Handlers[C] };

type Listener = (event: EventName, payload: unknown) => void;

/**
 * Pushes events to every connected window whose role may receive them. Both
 * transports subscribe here: IPC per webContents, WebSocket per socket.
 */
export class EventHub {
  private readonly subscribers = new Set<{ role: Role; listener: Listener }>();
  private readonly taps = new Set<Listener>();

  subscribe(role: Role, listener: Listener): () => void {
    const sub = { role, listener };
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }

  /** Every event, whatever its roles: for a relay that filters by role itself (the Electron main process). */
  tap(listener: Listener): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const allowed = EVENTS[event].roles;
    for (const s of this.subscribers) if (allowed.includes(s.role)) s.listener(event, payload);
    for (const t of this.taps) t(event, payload);
  }
}

export type ApiHandler = (role: Role, channel: unknown, payload: unknown) => Promise<ApiResult<unknown>>;

/**
 * The one handler layer both transports call: it refuses unknown channels and
 * roles that may not call them, validates the payload against the contract
 * (saying which field is wrong and why), runs the service, and never lets a
 * service exception escape as anything but an `internal` error.
 */
export function createApiHandler(handlers: Handlers): ApiHandler {
  return async (role, channel, payload) => {
    if (typeof channel !== 'string' || !isChannel(channel)) {
      return { ok: false, error: { code: 'unknownChannel', message: `unknown channel: ${String(channel)}` } };
    }
    const spec = METHODS[channel];
    if (!spec.roles.includes(role)) {
      return { ok: false, error: { code: 'forbidden', message: `the ${role} window may not call ${channel}` } };
    }
    const parsed = spec.request.safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(payload)', message: i.message }));
      return {
        ok: false,
        error: {
          code: 'validation',
          message: `invalid ${channel} payload: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          issues,
        },
      };
    }
    try {
      const run = handlers[channel] as (req: unknown, ctx: CallContext) => Promise<unknown>;
      const value: unknown = await run(parsed.data, { role });
      return { ok: true, value };
    } catch (err) {
      log.error(`${channel} failed`, err);
      return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
    }
  };
}
