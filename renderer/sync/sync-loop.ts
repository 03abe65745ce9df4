/**
 * The sync loop: one per origin (a `navigator.locks` leader lock, so two
 * windows never push the same outbox twice at once), running the rounds of
 * sync-rounds.ts — a commit pushes at once, a hub poke pulls at once, and the
 * interval, the online event and every retry run a full round. This file
 * adds what only a browser window has: the lock, the online/offline events
 * and the hub's WebSocket poke socket.
 */
import type { FrontdeskDb } from '../db/schema';
import type { HubTransport } from './hub-transport';
import { SyncRounds, type OpenPokes } from './sync-rounds';

export interface SyncLoopOptions {
  database: FrontdeskDb;
  transport: HubTransport;
  /** Hub origin for the poke socket (ws:// or wss:// is derived from it). */
  hubUrl: string;
  intervalMs?: number;
  random?: () => number;
}

/** The hub's poke socket over the browser's WebSocket (`/v1/poke`, the token in the query). */
export function browserPokes(hubUrl: string): OpenPokes {
  return (token, on) => {
    const url = new URL('/v1/poke', hubUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    try {
      const ws = new WebSocket(url);
      ws.onopen = () => on.open();
      ws.onmessage = (e: MessageEvent) => on.message(e.data);
      ws.onclose = () => on.close();
      ws.onerror = () => undefined;
      return {
        get open() {
          return ws.readyState === WebSocket.OPEN;
        },
        close: () => ws.close(),
      };
    } catch {
      return null; // Polling covers for it.
    }
  };
}

export class SyncLoop {
  private readonly rounds: SyncRounds;

  constructor(opts: SyncLoopOptions) {
    this.rounds = new SyncRounds({ ...opts, openPokes: browserPokes(opts.hubUrl) });
  }

  /** Starts the loop under the origin's leader lock; resolves at once (the loop runs in the background). */
  start(): void {
    const run = (): Promise<void> => this.rounds.run();
    if ('locks' in navigator) void navigator.locks.request('frontdesk-sync', run);
    else void run();
    window.addEventListener('online', () => this.kick());
    window.addEventListener('offline', () => void this.rounds.wentOffline());
  }

  /** Asks for a full round (push, then pull) as soon as possible. */
  kick(): void {
    this.rounds.kick();
  }
}
