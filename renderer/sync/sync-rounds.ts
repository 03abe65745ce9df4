/**
 * The rounds of the sync loop (sync-loop.ts runs them in the origin's leader
 * window, with the browser's poke socket): when the hub is unreachable it
 * backs off with jitter; a revoked session or an app too old for the hub
 * stops it with a status the UI shows. The status lives in `meta` so every
 * window shows the same thing. Nothing here touches the DOM: the poke socket
 * is injected (`OpenPokes`), so the rounds run under Node in tests.
 *
 * Three kinds of round (issue 3: a kiosk's sign-in on the console within
 * 250 ms):
 * - a commit pushes at once: one in this window announces itself
 *   (`onCommit`), one in another window of the origin shows as the outbox's
 *   last key growing;
 * - a hub poke announcing a sequence past the cursor pulls at once;
 * - start-up, the interval, the online event, a new session, a closed poke
 *   socket and every retry after an error run a full round: push everything
 *   (adopting rows written before their table synced), then pull.
 * Pushes and pulls use the replica's state as the loop knows it (session,
 * client id, cursor, epoch: `ReplicaState`), read again after any error, a
 * full round's start, or a change of those keys in `meta` by someone else.
 * The cursor is only a hint: `applyPage` checks it against the stored one in
 * the page's own transaction, so a stale hint never skips or doubles a row.
 *
 * Invariants:
 * - A trigger that arrives during a round is kept and served by the next
 *   round, which starts at once (nothing waits for the interval).
 * - During back-off only a full-round trigger (online, session, socket
 *   closed) wakes the loop early; commits and pokes wait for the retry, which
 *   is a full round and serves them.
 * - The status is written only when what the strip shows changes (ux.md C10):
 *   the state, the message, the clock skew by more than SKEW_STEP_MS, or the
 *   minute of the last sync (the strip shows hh:mm). A quiet round writes
 *   nothing, so it re-runs no live query in any window.
 */
import { liveQuery } from 'dexie';
import { onCommit } from '../db/commit';
import type { FrontdeskDb } from '../db/schema';
import { Backoff } from './backoff';
import { SyncError, type HubTransport } from './hub-transport';
import { SyncClient, type ReplicaState } from './sync-client';
import { META, parseStatus, readMeta, readSession, writeMeta, type SyncStatus } from './sync-meta';

/** The hub's poke socket as the rounds see it. */
export interface PokeSocket {
  readonly open: boolean;
  close(): void;
}
/** Opens a poke socket with `token`; null when it cannot be opened (polling covers for it). */
export type OpenPokes = (token: string, on: { open(): void; message(data: unknown): void; close(): void }) => PokeSocket | null;

export interface SyncRoundsOptions {
  database: FrontdeskDb;
  transport: HubTransport;
  openPokes?: OpenPokes;
  intervalMs?: number;
  random?: () => number;
}

/** What woke the loop; all kept until a round serves them. `poke`: a poke past the known cursor; `pull`: pull regardless. */
interface Wants {
  full: boolean;
  push: boolean;
  pull: boolean;
  poke: boolean;
}
const NONE: Wants = { full: false, push: false, pull: false, poke: false };

/** A round that takes longer than this says "syncing"; a quick one never flickers the strip. */
const SYNCING_AFTER_MS = 1_000;
/** The skew shown (a warning from two minutes on) is rewritten only when it moved this much. */
const SKEW_STEP_MS = 5_000;
const WATCHED_KEYS = [META.session, META.clientId, META.cursor, META.epoch] as const;

/** The sequence a poke announces (`{ type: 'poke', seq }`), or null when it cannot be read. */
function pokedSequence(data: unknown): number | null {
  try {
    const poke: unknown = JSON.parse(String(data));
    return typeof poke === 'object' && poke !== null && 'seq' in poke && typeof poke.seq === 'number' ? poke.seq : null;
  } catch {
    return null;
  }
}

/** The minute of an ISO time: the strip shows hh:mm, and every zone's offset is whole minutes. */
const minuteOf = (iso: string | null): string | null => iso?.slice(0, 16) ?? null;

/** Whether the strip would show `next` differently from `shown`. */
export function statusShowsDifferently(shown: SyncStatus, next: SyncStatus): boolean {
  return (
    shown.state !== next.state ||
    shown.message !== next.message ||
    Math.abs(shown.skewMs - next.skewMs) >= SKEW_STEP_MS ||
    minuteOf(shown.lastSyncAt) !== minuteOf(next.lastSyncAt)
  );
}

export class SyncRounds {
  private readonly client: SyncClient;
  private readonly backoff: Backoff;
  private wake: (() => void) | null = null;
  private wants: Wants = { ...NONE, full: true };
  private backingOff = false;
  private stopped = false;
  private socket: PokeSocket | null = null;
  /** Status writes one after another, each comparing with the stored one. */
  private statusChain: Promise<void> = Promise.resolve();
  private readonly subscriptions: { unsubscribe(): void }[] = [];
  /** The replica's state for the next request; null: read it from the database first. */
  private known: ReplicaState | null = null;
  /** The highest sequence the hub announced by poke. */
  private pokedSeq = 0;

  constructor(private readonly opts: SyncRoundsOptions) {
    this.client = new SyncClient({ database: opts.database, transport: opts.transport });
    this.backoff = new Backoff(opts.random);
  }

  /** The network went away: say so now rather than at the next failed round. */
  wentOffline(): Promise<void> {
    return this.updateStatus({ state: 'offline' });
  }

  /** Stops after the round under way; `run` then resolves. */
  stop(): void {
    this.stopped = true;
    for (const s of this.subscriptions) s.unsubscribe();
    this.socket?.close();
    this.wake?.();
  }

  /** Asks for a full round (push, then pull) as soon as possible. */
  kick(): void {
    this.want('full');
  }

  private want(kind: keyof Wants): void {
    this.wants[kind] = true;
    if (kind === 'full' || !this.backingOff) this.wake?.();
  }

  /** Whether the next round may start now. */
  private urgent(): boolean {
    const { full, push, pull, poke } = this.wants;
    return full || (!this.backingOff && (push || pull || poke));
  }

  /** Resolves true when woken by a trigger, false when `ms` passed. */
  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (woken: boolean): void => {
        clearTimeout(t);
        this.wake = null;
        resolve(woken);
      };
      const t = setTimeout(() => done(false), ms);
      this.wake = () => done(true);
    });
  }

  /**
   * Writes the status when the strip would show it differently (see the
   * invariants), compared with the stored one: a read, and no write (so no
   * live query runs again anywhere) when nothing shows differently.
   */
  private updateStatus(patch: Partial<SyncStatus>): Promise<void> {
    const meta = this.opts.database.meta;
    const step = this.statusChain.then(async () => {
      const before = parseStatus(await readMeta(meta, META.status));
      const next = { ...before, ...patch };
      if (statusShowsDifferently(before, next)) await writeMeta(meta, META.status, JSON.stringify(next));
    });
    this.statusChain = step.catch(() => undefined);
    return step;
  }

  private connectPoke(token: string): void {
    if (this.socket || !this.opts.openPokes) return;
    const socket = this.opts.openPokes(token, {
      // Commits between the last pull and the socket's opening were announced to nobody.
      open: () => this.want('pull'),
      message: (data) => this.onPoke(data),
      close: () => {
        if (this.socket === socket) this.socket = null;
        // The hub closes a revoked device's socket: sync now, so the 401 is seen at once.
        if (!this.stopped) this.kick();
      },
    });
    if (!this.stopped) this.socket = socket;
    else socket?.close();
  }

  /** A poke pulls unless the cursor is already at the sequence it announces. */
  private onPoke(data: unknown): void {
    const seq = pokedSequence(data);
    if (seq === null) {
      this.want('pull'); // a poke this app cannot read still pulls
      return;
    }
    this.pokedSeq = Math.max(this.pokedSeq, seq);
    if (!this.pokeCovered()) this.want('poke');
  }

  /**
   * The known cursor is at or past every poked sequence. (A hub restored from
   * a backup counts from a lower sequence under a new epoch: its pokes look
   * covered until the interval's full round pulls and gets `reset`.)
   */
  private pokeCovered(): boolean {
    return this.known !== null && this.pokedSeq <= this.known.cursor;
  }

  private socketOpen(): boolean {
    return this.socket?.open ?? false;
  }

  /** Subscriptions that turn changes in the database into triggers (leader only). */
  private watch(): void {
    const { database } = this.opts;
    // A commit in this window says so at once; one in any other window of the origin adds outbox
    // rows, and the key only grows: push.
    const committed = onCommit((written) => {
      if (written === database) this.want('push');
    });
    let lastKey: number | undefined;
    const outbox = liveQuery(() => database.outbox.toCollection().lastKey()).subscribe((key) => {
      const k = Number(key ?? 0);
      if (lastKey !== undefined && k > lastKey) this.want('push');
      lastKey = k;
    });
    // The session, client id, cursor or epoch changed by someone else: read them again before the
    // next request; a new session (login, pairing, another face signing in) also syncs at once.
    let lastSession: string | null | undefined;
    const state = liveQuery(() => database.meta.bulkGet([...WATCHED_KEYS])).subscribe((rows) => {
      const [session, clientId, cursor, epoch] = rows.map((r) => r?.value ?? null);
      const known = this.known;
      if (lastSession !== undefined && session !== lastSession) {
        this.known = null;
        this.kick();
      } else if (known && (clientId !== known.clientId || Number(cursor ?? 0) !== known.cursor || epoch !== known.epoch)) {
        this.known = null;
      }
      lastSession = session;
    });
    this.subscriptions.push(outbox, state, { unsubscribe: committed });
  }

  /** Runs rounds until `stop`. Call once per database, in one window (the leader). */
  async run(): Promise<void> {
    this.watch();
    const interval = this.opts.intervalMs ?? 15_000;
    let delay = 0;
    while (!this.stopped) {
      // A wait that runs out ends in a full round: the interval's poll, or the retry after an error.
      if (!this.urgent() && !(await this.sleep(delay))) this.wants.full = true;
      if (this.stopped) break;
      this.backingOff = false;
      const want = this.wants;
      this.wants = { ...NONE };
      delay = await this.round(want, interval);
    }
  }

  /** One round for what was wanted; returns how long to wait before the next if nothing comes. */
  private async round(want: Wants, interval: number): Promise<number> {
    if (want.full) this.known = null;
    if (!this.known) {
      if (!(await readSession(this.opts.database.meta))) {
        await this.updateStatus({ state: 'signedOut' });
        return 2_000; // then a full round (or at once on a new session)
      }
    }
    // "Syncing" only when a round takes long (a reconnect's backlog): a push or pull of a
    // few rows must not make the status strip flicker (ux.md C10).
    const slow = setTimeout(() => void this.updateStatus({ state: 'syncing' }), SYNCING_AFTER_MS);
    try {
      let delay = interval;
      let skewMs: number | null = null;
      if (want.full) {
        const pushed = await this.client.pushAll();
        if (pushed.sent) skewMs = pushed.skewMs;
        if (pushed.more) delay = 1_000; // more than a round's worth: go on soon, never hot
        this.known = await this.client.readState();
        await this.client.pullWith(this.known);
      } else {
        const known = (this.known ??= await this.client.readState());
        let pushedNow = false;
        if (want.push) {
          const pushed = await this.client.pushWith(known);
          if (pushed.sent) skewMs = pushed.skewMs;
          if (pushed.more) delay = 1_000;
          pushedNow = pushed.sent;
        }
        // Without a poke socket nothing announces what this push (or anyone) committed: pull now.
        const pull = want.pull || (want.poke && !this.pokeCovered()) || (pushedNow && !this.socketOpen());
        if (pull) await this.client.pullWith(known);
      }
      clearTimeout(slow);
      this.backoff.reset();
      await this.updateStatus({ state: 'online', lastSyncAt: new Date().toISOString(), message: null, ...(skewMs === null ? {} : { skewMs }) });
      if (this.known) this.connectPoke(this.known.session.token);
      return delay;
    } catch (err) {
      clearTimeout(slow);
      return this.onError(err);
    }
  }

  /**
   * What a failed round means; returns how long to wait before the next. That
   * wait ends in a full round (the retry), or earlier on a full-round trigger;
   * commits and pokes meanwhile only mark what the retry will do anyway.
   */
  private async onError(err: unknown): Promise<number> {
    this.known = null;
    this.backingOff = true;
    const code = err instanceof SyncError ? err.code : 'unavailable';
    const message = err instanceof Error ? err.message : String(err);
    if (code === 'unauthorized') {
      // Revoked or expired: drop the session so the face asks to sign in or pair again.
      await this.opts.database.meta.delete(META.session);
      await writeMeta(this.opts.database.meta, META.revoked, message);
      await this.updateStatus({ state: 'signedOut', message });
      return 0;
    }
    if (code === 'updateRequired') {
      // Keep the outbox: it is pushed once the app is updated.
      await this.updateStatus({ state: 'updateRequired', message });
      return 5 * 60_000;
    }
    await this.updateStatus({ state: 'offline', message });
    return this.backoff.next();
  }
}
