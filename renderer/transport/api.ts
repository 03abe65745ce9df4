import { ApiError, type Channel, type FrontdeskBridge, type Request, type Response, type Role } from '../../shared/api';
import { createWebSocketBridge } from './websocket-bridge';

declare global {
  interface Window {
    /** Present in the desktop app (preload); absent in browser mode. */
    frontdesk?: FrontdeskBridge;
  }
}

let bridge: FrontdeskBridge | null = null;

/** Picks the transport once at start-up; nothing else in the renderer can tell which it is. */
export function connectBridge(roleHint: Role): FrontdeskBridge {
  bridge ??= window.frontdesk ?? createWebSocketBridge(roleHint);
  return bridge;
}

export function getBridge(): FrontdeskBridge {
  if (!bridge) throw new Error('connectBridge() has not run');
  return bridge;
}

/** Calls the main side and returns the value, or throws an ApiError the UI can explain. */
export async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>> {
  const result = await getBridge().call(channel, request);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
