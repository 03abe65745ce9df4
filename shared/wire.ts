/** WebSocket frames of browser mode: the same calls and events as Electron IPC. */
import type { ApiResult } from './api';

export interface CallFrame {
  id: number;
  channel: string;
  payload: unknown;
}
export interface ReplyFrame {
  id: number;
  result: ApiResult<unknown>;
}
export interface EventFrame {
  event: string;
  payload: unknown;
}
