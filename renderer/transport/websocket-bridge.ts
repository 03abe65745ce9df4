import type { ApiResult, Channel, EventName, EventPayload, FrontdeskBridge, Request, Response, Role } from '../../shared/api';
import type { CallFrame, EventFrame, ReplyFrame } from '../../shared/wire';

/**
 * Browser mode's bridge: the preload API over a WebSocket to `electron/web.ts`.
 * Calls made while the socket is (re)connecting wait for it; a call whose
 * socket drops is answered with an error rather than left hanging.
 */
export function createWebSocketBridge(role: Role, base = location): FrontdeskBridge {
  const url = `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}/api?role=${role}`;
  const pending = new Map<number, (r: ApiResult<unknown>) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let retryMs = 250;

  const connect = (): Promise<WebSocket> => {
    opened ??= new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        retryMs = 250;
        socket = ws;
        resolve(ws);
      };
      ws.onmessage = (m: MessageEvent<string>) => {
        const frame = JSON.parse(m.data) as ReplyFrame | EventFrame;
        if ('id' in frame) {
          pending.get(frame.id)?.(frame.result);
          pending.delete(frame.id);
        } else {
          listeners.get(frame.event)?.forEach((l) => l(frame.payload));
        }
      };
      ws.onclose = () => {
        socket = null;
        opened = null;
        for (const [id, settle] of pending) {
          settle({ ok: false, error: { code: 'internal', message: 'connection to the desk services was lost' } });
          pending.delete(id);
        }
        setTimeout(() => void connect().then(resolve), retryMs);
        retryMs = Math.min(retryMs * 2, 10_000);
      };
    });
    return opened;
  };
  void connect();

  return {
    async call<C extends Channel>(channel: C, request: Request<C>): Promise<ApiResult<Response<C>>> {
      const ws = socket ?? (await connect());
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: ApiResult<unknown>) => void);
        ws.send(JSON.stringify({ id, channel, payload: request } satisfies CallFrame));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}
