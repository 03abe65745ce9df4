import type { PbxStatus } from '../../../shared/api/calls';

type LinkState = PbxStatus['state'];

/**
 * The R-O3 status of the SMDR link, as a small state machine driven by the
 * service with an injected clock:
 * - `connected` since the port/socket opened (or since the first line after a silence);
 * - `silent` since the last line (or the connect) once `silentMinutes` pass without one;
 * - `disconnected` since the link went down — retries do not move `since`;
 * - `off` when the source setting is off.
 */
export class PbxStatusTracker {
  private state: LinkState = 'disconnected';
  private since: Date | null = null;
  private lastLineAt: Date | null = null;
  private unrecognized = 0;
  private detail = '';

  constructor(
    private source: string,
    private format: string,
  ) {}

  describe(source: string, format: string): void {
    this.source = source;
    this.format = format;
  }

  /** Counts what the replay of the journal found, before the link opens. */
  replayed(lastLineAt: Date | null, unrecognized: number): void {
    this.lastLineAt = lastLineAt;
    this.unrecognized = unrecognized;
  }

  connected(now: Date, detail = ''): void {
    this.enter('connected', now);
    this.detail = detail;
  }

  /** Keeps the first `since` across failed retries: "disconnected since 09:12", not since the last retry. */
  disconnected(now: Date, detail: string): void {
    if (this.state !== 'disconnected' || this.since === null) this.enter('disconnected', now);
    this.detail = detail;
  }

  off(now: Date): void {
    this.enter('off', now);
    this.detail = 'the PBX link is switched off in settings';
  }

  line(now: Date, unrecognized: boolean): void {
    this.lastLineAt = now;
    if (unrecognized) this.unrecognized += 1;
    if (this.state === 'silent') this.connected(now);
  }

  /** Returns true when the link just turned silent. */
  tick(now: Date, silentMinutes: number): boolean {
    if (this.state !== 'connected' || this.since === null) return false;
    const quietFrom = this.lastLineAt !== null && this.lastLineAt > this.since ? this.lastLineAt : this.since;
    if (now.getTime() - quietFrom.getTime() < silentMinutes * 60_000) return false;
    this.state = 'silent';
    this.since = quietFrom;
    this.detail = `no SMDR line for ${silentMinutes} minutes: check that the PBX still prints call records`;
    return true;
  }

  get status(): PbxStatus {
    return {
      state: this.state,
      since: this.since?.toISOString() ?? null,
      lastLineAt: this.lastLineAt?.toISOString() ?? null,
      source: this.source,
      format: this.format,
      unrecognizedCount: this.unrecognized,
      detail: this.detail,
    };
  }

  private enter(state: LinkState, now: Date): void {
    this.state = state;
    this.since = now;
  }
}
