/**
 * The sync loop: one per origin (a `navigator.locks` leader lock, so two
 * windows never push the same outbox twice at once), woken by a commit
 * (outbox grows), the online event, an interval, and the hub's WebSocket
 * poke. When the hub is unreachable it backs off with jitter; a revoked
 * session or an app too old for the hub stops it with a status the UI shows.
 * The status lives in `meta` so every window shows the same thing.
 */
import { liveQuery } from 'dexie';
import type { FrontdeskDb } from '../db/schema';
import { Backoff } from './backoff';
import { SyncError, type HubTransport } from './hub-transport';
import { SyncClient } from './sync-client';
import { META, parseStatus, readMeta, readSession, writeMeta, type SyncStatus } from './sync-meta';

export interface SyncLoopOptions {
  database: FrontdeskDb;
  transport: HubTransport;
  /** Hub origin for the poke socket (ws:// or wss:// is derived from it). */
  hubUrl: string;
  intervalMs?: number;
  random?: () => number;
}

export class SyncLoop {
  private readonly client: SyncClient;
  private readonly backoff: Backoff;
  private wake: (() => void) | null = null;
  private kicked = false;
  private stopped = false;
  private socket: WebSocket | null = null;

  constructor(private readonly opts: SyncLoopOptions) {
    this.client = new SyncClient({ database: opts.database, transport: opts.transport });
    this.backoff = new Backoff(opts.random);
  }

  /** Starts the loop under the origin's leader lock; resolves at once (the loop runs in the background). */
  start(): void {
    const run = (): Promise<void> => this.run();
    if ('locks' in navigator) void navigator.locks.request('frontdesk-sync', run);
    else void run();
    window.addEventListener('online', () => this.kick());
    window.addEventListener('offline', () => void this.setStatus({ state: 'offline' }));
  }

  /** Asks for a sync round as soon as possible. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private async setStatus(patch: Partial<SyncStatus>): Promise<void> {
    const meta = this.opts.database.meta;
    const before = parseStatus(await readMeta(meta, META.status));
    const next = { ...before, ...patch };
    if (JSON.stringify(next) !== JSON.stringify(before)) await writeMeta(meta, META.status, JSON.stringify(next));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(), ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
      if (this.kicked) this.wake();
    });
  }

  private connectPoke(token: string): void {
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) return;
    const url = new URL('/v1/poke', this.opts.hubUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    try {
      const ws = new WebSocket(url);
      ws.onmessage = () => this.kick();
      ws.onclose = () => {
        if (this.socket === ws) this.socket = null;
        // The hub closes a revoked device's socket: sync now, so the 401 is seen at once.
        this.kick();
      };
      ws.onerror = () => undefined;
      this.socket = ws;
    } catch {
      this.socket = null; // Polling covers for it.
    }
  }

  private async run(): Promise<void> {
    // A commit in any window of this origin grows the outbox: that is the "after a commit" trigger.
    let lastCount = -1;
    liveQuery(() => this.opts.database.outbox.count()).subscribe((n) => {
      if (n > lastCount && lastCount !== -1) this.kick();
      lastCount = n;
    });
    // A new session (login, pairing, another face of this origin signing in) syncs at once.
    let lastSession: string | null | undefined;
    liveQuery(() => readMeta(this.opts.database.meta, META.session)).subscribe((s) => {
      if (lastSession !== undefined && s !== lastSession) this.kick();
      lastSession = s;
    });
    const interval = this.opts.intervalMs ?? 15_000;
    while (!this.stopped) {
      this.kicked = false;
      let delay = interval;
      const session = await readSession(this.opts.database.meta);
      if (!session) {
        await this.setStatus({ state: 'signedOut' });
        await this.sleep(2_000);
        continue;
      }
      try {
        // "Syncing" only while there is something to send or the last round failed:
        // a quiet poll must not make the status strip flicker every 15 s (ux.md C10).
        const pending = await this.opts.database.outbox.filter((r) => r.clientSeq !== undefined).count();
        const before = parseStatus(await readMeta(this.opts.database.meta, META.status));
        if (pending > 0 || before.state !== 'online') await this.setStatus({ state: 'syncing' });
        const round = await this.client.syncOnce();
        this.backoff.reset();
        await this.setStatus({ state: 'online', lastSyncAt: new Date().toISOString(), skewMs: round.skewMs, message: null });
        this.connectPoke(session.token);
        // Rows still waiting (written during the round, or more than one round's worth): go on soon, never hot.
        const waiting = await this.opts.database.outbox.filter((r) => r.clientSeq !== undefined).count();
        if (waiting > 0) delay = 1_000;
      } catch (err) {
        delay = await this.onError(err);
      }
      await this.sleep(delay);
    }
  }

  /** What a failed round means; returns how long to wait before the next. */
  private async onError(err: unknown): Promise<number> {
    const code = err instanceof SyncError ? err.code : 'unavailable';
    const message = err instanceof Error ? err.message : String(err);
    if (code === 'unauthorized') {
      // Revoked or expired: drop the session so the face asks to sign in or pair again.
      await this.opts.database.meta.delete(META.session);
      await writeMeta(this.opts.database.meta, META.revoked, message);
      await this.setStatus({ state: 'signedOut', message });
      return 0;
    }
    if (code === 'updateRequired') {
      // Keep the outbox: it is pushed once the app is updated.
      await this.setStatus({ state: 'updateRequired', message });
      return 5 * 60_000;
    }
    await this.setStatus({ state: 'offline', message });
    return this.backoff.next();
  }
}
