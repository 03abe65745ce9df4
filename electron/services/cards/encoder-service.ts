import type {
  CardPayload,
  CardSettings,
  EncodeResult,
  EncoderStatus,
  SimFault,
} from '../../../shared/api/cards';
import {
  encodeAndVerify,
  type CardEncoder,
  type CardEncoderKind,
} from '../../../hardware/card/card-encoder';
import { CARD_DEVICES } from '../../../hardware/card/devices';
import { Em4100Writer } from '../../../hardware/card/em4100-writer/driver';
import { EM4100_WRITER_HID } from '../../../hardware/card/em4100-writer/protocol';
import { CardDeviceError, isCardDeviceError } from '../../../hardware/card/errors';
import {
  HidTransport,
  nodeHidBackend,
  type HidBackend,
} from '../../../hardware/card/hid-transport';
import { HidDeviceWatcher } from '../../../hardware/card/hotplug';
import { Msr605xEncoder } from '../../../hardware/card/msr605x/driver';
import { MSR605X_HID } from '../../../hardware/card/msr605x/protocol';
import { EmulatedCardBackend } from '../../../hardware/sim/card-backend';
import type { Em4100Id, TrackSet } from '../../../shared/card-data';
import { log } from '../log';

type Open =
  | { medium: 'msr605x'; encoder: CardEncoder<TrackSet>; transport: HidTransport }
  | { medium: 'em4100Writer'; encoder: CardEncoder<Em4100Id>; transport: HidTransport };

export interface EncoderServiceOptions {
  settings: () => CardSettings;
  onStatus: (status: EncoderStatus) => void;
  /** Tests inject the backend; the emulator choice otherwise builds its own. */
  backend?: HidBackend;
  pollMs?: number;
}

const mediumOf = (s: CardSettings): CardEncoderKind =>
  s.encoder === 'emulator' ? s.emulatedMedium : s.encoder;

/**
 * The desk's card encoder behind cards:encode/read/status. It opens the
 * configured device on first use (so an absent encoder costs nothing until a
 * card is made), reopens after an unplug, and reports hot-plug changes.
 * Invariant: `encode` answers `ok: true` only after `encodeAndVerify` has read
 * the card back and matched it; every failure is a typed code, nothing made.
 */
export class CardEncoderService {
  private open: Open | undefined;
  private opening: Promise<Open> | undefined;
  private watcher: HidDeviceWatcher | undefined;
  private backend: HidBackend;
  private emulated: EmulatedCardBackend | undefined;
  private fault: SimFault = 'none';
  private connected = false;
  private product = '';

  constructor(private readonly opts: EncoderServiceOptions) {
    this.backend = this.pickBackend();
    this.startWatching();
  }

  private pickBackend(): HidBackend {
    const s = this.opts.settings();
    const given = this.opts.backend;
    this.emulated =
      s.encoder === 'emulator'
        ? given instanceof EmulatedCardBackend
          ? given
          : new EmulatedCardBackend()
        : undefined;
    this.fault = 'none';
    this.connected = false;
    return this.emulated ?? given ?? nodeHidBackend;
  }

  get status(): EncoderStatus {
    const s = this.opts.settings();
    const state =
      s.encoder === 'emulator'
        ? this.connected
          ? 'simulated'
          : 'disconnected'
        : this.connected
          ? 'connected'
          : 'disconnected';
    return {
      choice: s.encoder,
      medium: mediumOf(s),
      state,
      product: this.product,
      fault: this.fault,
    };
  }

  /** Encode, read back, compare. Never throws a device error: it becomes `ok: false` with its code. */
  async encode(payload: CardPayload): Promise<EncodeResult> {
    const device = this.describe();
    try {
      const open = await this.ensureOpen();
      if (open.medium !== payload.medium)
        throw new CardDeviceError(
          'invalidData',
          `the encoder writes ${open.medium}, not ${payload.medium}`,
        );
      if (open.medium === 'msr605x' && payload.medium === 'msr605x') {
        const tracks = { track1: payload.track1, track2: payload.track2, track3: payload.track3 };
        await open.encoder.encode(tracks);
        this.tamperIfAsked();
        const { read } = await open.encoder.verify(tracks);
        return {
          ok: true,
          read: {
            medium: 'msr605x',
            track1: read.track1 ?? '',
            track2: read.track2 ?? '',
            track3: read.track3 ?? '',
          },
          device,
          verifiedAt: new Date().toISOString(),
        };
      }
      if (open.medium === 'em4100Writer' && payload.medium === 'em4100Writer') {
        const want = { customer: payload.customer, id: payload.id };
        if (this.fault === 'mismatch') {
          await open.encoder.encode(want);
          this.tamperIfAsked();
          await open.encoder.verify(want);
        } else await encodeAndVerify(open.encoder, want);
        return { ok: true, read: payload, device, verifiedAt: new Date().toISOString() };
      }
      throw new CardDeviceError('invalidData', 'unknown medium');
    } catch (err) {
      return this.failure(err, device);
    }
  }

  async read(): Promise<EncodeResult> {
    const device = this.describe();
    try {
      const open = await this.ensureOpen();
      if (open.medium === 'msr605x') {
        const r = await open.encoder.read();
        return {
          ok: true,
          read: {
            medium: 'msr605x',
            track1: r.track1 ?? '',
            track2: r.track2 ?? '',
            track3: r.track3 ?? '',
          },
          device,
          verifiedAt: new Date().toISOString(),
        };
      }
      const r = await open.encoder.read();
      return {
        ok: true,
        read: { medium: 'em4100Writer', customer: r.customer, id: r.id },
        device,
        verifiedAt: new Date().toISOString(),
      };
    } catch (err) {
      return this.failure(err, device);
    }
  }

  /** Demo/tests: the emulator's fault mode. `none` also plugs a unit back after an `unplugged` fault. */
  simulateFault(fault: SimFault): EncoderStatus | undefined {
    const emu = this.emulated;
    if (!emu) return undefined;
    const medium = mediumOf(this.opts.settings());
    if (fault === 'none' && !this.connected) {
      emu.plug(medium);
      this.drop();
      void this.watcher?.poll();
    }
    this.fault = fault;
    const deviceFault = fault === 'mismatch' ? 'none' : fault;
    emu.msr605x.fault = deviceFault;
    emu.em4100Writer.fault = deviceFault;
    this.report();
    return this.status;
  }

  /** A settings change may pick another device: close the open one; the next call opens the new one. */
  async reconfigure(): Promise<void> {
    await this.close();
    this.backend = this.pickBackend();
    this.startWatching();
  }

  async close(): Promise<void> {
    this.watcher?.stop();
    this.watcher = undefined;
    const open = this.open;
    this.drop();
    await open?.encoder.close().catch(() => undefined);
  }

  private describe(): string {
    const s = this.opts.settings();
    return s.encoder === 'emulator' ? `emulator:${s.emulatedMedium}` : s.encoder;
  }

  private failure(err: unknown, device: string): EncodeResult {
    if (isCardDeviceError(err)) {
      if (err.code === 'unplugged' || err.code === 'notFound') this.drop();
      log.warn(`card ${device}: ${err.code}${err.detail ? ` (${err.detail})` : ''}`);
      return { ok: false, code: err.code, message: err.message, device };
    }
    log.error(`card ${device} failed`, err);
    return {
      ok: false,
      code: 'deviceError',
      message: err instanceof Error ? err.message : String(err),
      device,
    };
  }

  /** The `mismatch` fault: another card under the head between write and read-back. */
  private tamperIfAsked(): void {
    const emu = this.emulated;
    if (!emu || this.fault !== 'mismatch') return;
    if (emu.msr605x.card) emu.msr605x.card.tracks[2] = '0000000000=0000';
    if (emu.em4100Writer.tag) emu.em4100Writer.tag.id = (emu.em4100Writer.tag.id + 1) >>> 0;
  }

  private ensureOpen(): Promise<Open> {
    if (this.open?.transport.isOpen) return Promise.resolve(this.open);
    this.opening ??= this.openNow().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async openNow(): Promise<Open> {
    const s = this.opts.settings();
    const medium = mediumOf(s);
    const swipeTimeoutMs = s.presentSeconds * 1000;
    const transport = await HidTransport.open(
      medium === 'msr605x' ? MSR605X_HID : EM4100_WRITER_HID,
      this.backend,
    );
    transport.onUnplugged(() => {
      // An emulated pull leaves enumeration too, as a real cable pull does.
      this.emulated?.unplug(medium);
      for (const st of this.watcher?.states() ?? []) this.watcher?.markGone(st.path);
      this.drop();
      this.connected = false;
      this.report();
    });
    let open: Open;
    if (medium === 'msr605x') {
      const encoder = new Msr605xEncoder(transport, { swipeTimeoutMs });
      try {
        await encoder.init();
      } catch (err) {
        await transport.close();
        throw err;
      }
      open = { medium, encoder, transport };
    } else {
      open = {
        medium,
        encoder: new Em4100Writer(transport, this.emulated ? { settleMs: 0 } : {}),
        transport,
      };
    }
    this.open = open;
    return open;
  }

  private drop(): void {
    this.open = undefined;
  }

  private startWatching(): void {
    const medium = mediumOf(this.opts.settings());
    const watcher = new HidDeviceWatcher(
      CARD_DEVICES.filter((d) => d.kind === medium),
      {
        list: () => this.backend.devices(),
        ...(this.opts.pollMs === undefined ? {} : { intervalMs: this.opts.pollMs }),
      },
    );
    watcher.onChange((state) => {
      this.connected = state.status === 'connected';
      this.product = state.product ?? '';
      if (!this.connected) this.drop();
      this.report();
    });
    this.watcher = watcher;
    watcher.start();
  }

  private report(): void {
    this.opts.onStatus(this.status);
  }
}
