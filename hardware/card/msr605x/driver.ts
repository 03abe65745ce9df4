import {
  CardDataError,
  buildIsoWriteBlock,
  parseIsoReadBlock,
  trackOf,
  type TrackNumber,
  type TrackSet,
} from '../../../shared/card-data';
import type { CardEncoder, EncodeResult, VerifyResult } from '../card-encoder';
import { CardDeviceError } from '../errors';
import type { HidTransport } from '../hid-transport';
import { systemTimers, type Timers } from '../timers';
import { MsrLink, type MsrReportKind } from './link';
import { MSR_COMMANDS, coercivityOf, statusError, statusOf, type Coercivity } from './protocol';

export interface Msr605xOptions {
  readonly timers?: Timers;
  /** Commands that answer at once (test, settings). */
  readonly commandTimeoutMs?: number;
  /** Read and write wait for a swipe; after this the command is aborted with `ESC a`. */
  readonly swipeTimeoutMs?: number;
  readonly reportKind?: MsrReportKind;
}

const TRACKS = [1, 2, 3] as const satisfies readonly TrackNumber[];

/**
 * MSR605X magnetic stripe encoder in ISO mode (the device adds sentinels and
 * LRC). Invariants: one command at a time (calls are queued); a card-waiting
 * command that times out is cancelled with `ESC a` before the error is
 * reported, so the device is never left armed for a swipe nobody expects.
 */
export class Msr605xEncoder implements CardEncoder<TrackSet> {
  readonly kind = 'msr605x';
  private readonly link: MsrLink;
  private readonly timers: Timers;
  private readonly commandTimeoutMs: number;
  private readonly swipeTimeoutMs: number;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: HidTransport,
    options: Msr605xOptions = {},
  ) {
    this.timers = options.timers ?? systemTimers;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 2000;
    this.swipeTimeoutMs = options.swipeTimeoutMs ?? 20_000;
    this.link = new MsrLink(transport, this.timers, options.reportKind);
  }

  /**
   * Manual section 8 start-up (reset, communication test, reset), then Hi-Co:
   * the MSR605X tends to start in Lo-Co, where writing Hi-Co cards fails.
   */
  init(coercivity: Coercivity = 'hi'): Promise<void> {
    return this.serial(async () => {
      await this.link.send(MSR_COMMANDS.reset);
      const answer = await this.command(MSR_COMMANDS.commTest);
      if (answer[0] !== 0x1b || answer[1] !== 0x79) throw new CardDeviceError('deviceError', 'communication test did not answer ESC y');
      await this.link.send(MSR_COMMANDS.reset);
      await this.setCoercivityNow(coercivity);
    });
  }

  setCoercivity(c: Coercivity): Promise<void> {
    return this.serial(() => this.setCoercivityNow(c));
  }

  getCoercivity(): Promise<Coercivity> {
    return this.serial(async () => {
      const c = coercivityOf(await this.command(MSR_COMMANDS.getCoercivity));
      if (!c) throw new CardDeviceError('deviceError', 'unexpected answer to ESC d');
      return c;
    });
  }

  encode(data: TrackSet): Promise<EncodeResult<TrackSet>> {
    return this.serial(async () => {
      let block: Uint8Array;
      try {
        block = buildIsoWriteBlock(data);
      } catch (err) {
        throw err instanceof CardDataError ? new CardDeviceError('invalidData', err.message) : err;
      }
      // `ESC s ? FS` alone (4 bytes) would arm the head to write nothing.
      if (block.length === 4) throw new CardDeviceError('invalidData', 'nothing to write');
      const answer = await this.swipe([...MSR_COMMANDS.write, ...block]);
      const status = statusOf(answer);
      if (status === undefined) throw new CardDeviceError('deviceError', 'unexpected answer to a write');
      const error = statusError(status, 'write');
      if (error) throw error;
      return { written: data };
    });
  }

  read(): Promise<TrackSet> {
    return this.serial(async () => {
      const answer = await this.swipe(MSR_COMMANDS.read);
      const status = statusOf(answer);
      if (status !== undefined) throw statusError(status, 'read') ?? new CardDeviceError('readError', 'read answered without data');
      let block;
      try {
        block = parseIsoReadBlock(answer);
      } catch (err) {
        throw new CardDeviceError('readError', err instanceof Error ? err.message : String(err));
      }
      const error = statusError(block.status, 'read');
      if (error) throw error;
      const data = (t: TrackNumber): string | undefined => {
        const r = block.tracks[t];
        if (r.kind === 'error') throw new CardDeviceError('readError', `track ${t} unreadable`);
        return r.kind === 'data' ? r.data : undefined;
      };
      const [track1, track2, track3] = [data(1), data(2), data(3)];
      return {
        ...(track1 === undefined ? {} : { track1 }),
        ...(track2 === undefined ? {} : { track2 }),
        ...(track3 === undefined ? {} : { track3 }),
      } satisfies TrackSet;
    });
  }

  /** Reads the card and compares every track `expected` names; others are not checked. */
  async verify(expected: TrackSet): Promise<VerifyResult<TrackSet>> {
    const read = await this.read();
    const wrong = TRACKS.filter((t) => {
      const want = trackOf(expected, t);
      return want !== undefined && want !== '' && trackOf(read, t) !== want;
    });
    if (wrong.length > 0) throw new CardDeviceError('verifyMismatch', `tracks ${wrong.join(', ')} differ`);
    return { ok: true, read };
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async setCoercivityNow(c: Coercivity): Promise<void> {
    const status = statusOf(await this.command(c === 'hi' ? MSR_COMMANDS.setHiCo : MSR_COMMANDS.setLoCo));
    const error = status === undefined ? new CardDeviceError('deviceError', 'unexpected answer to Hi/Lo-Co') : statusError(status, 'setting');
    if (error) throw error;
  }

  /** A command the device answers at once. */
  private async command(message: readonly number[]): Promise<Uint8Array> {
    await this.link.send(message);
    return this.link.receive(this.commandTimeoutMs, () => new CardDeviceError('timeout', `no answer to ESC ${message[1]?.toString(16)}`));
  }

  /** A command that waits for a swipe; aborted with `ESC a` if none comes. */
  private async swipe(message: readonly number[]): Promise<Uint8Array> {
    await this.link.send(message);
    try {
      return await this.link.receive(this.swipeTimeoutMs, () => new CardDeviceError('noCard', `no swipe within ${this.swipeTimeoutMs} ms`));
    } catch (err) {
      if (err instanceof CardDeviceError && err.code === 'noCard') await this.link.send(MSR_COMMANDS.reset).catch(() => undefined);
      throw err;
    }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
