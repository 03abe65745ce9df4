import { matchesHid, nodeHidBackend, type HidDeviceInfo, type HidMatch } from './hid-transport';
import type { CardEncoderKind } from './card-encoder';
import { systemTimers, type TimerHandle, type Timers } from './timers';

/**
 * Hot-plug by polling the HID device list. Why polling: the `usb` package's
 * attach/detach events would need a new dependency (its 3.x ships napi-rs
 * platform binaries; not installed here, and this change does not add
 * dependencies), while `devicesAsync()` is already available. Every
 * enumeration costs (node-hid README; a 100 ms poll slowed I/O on Windows,
 * node-hid#272), so the default interval is 2 s and a device is dropped only
 * after two missed polls — an enumeration during re-attach can briefly miss
 * it. An `error` from an open handle (`markGone`) reports the loss at once.
 */
export interface WatchedKind {
  readonly kind: CardEncoderKind;
  readonly match: HidMatch;
}

export type DeviceStatus = 'connected' | 'disconnected';

/** What the UI shows per device. */
export interface DeviceState {
  readonly kind: CardEncoderKind;
  readonly path: string;
  readonly product?: string | undefined;
  readonly status: DeviceStatus;
}

export type DeviceChange = (state: DeviceState) => void;

export interface HotplugOptions {
  readonly list?: () => Promise<HidDeviceInfo[]>;
  readonly timers?: Timers;
  readonly intervalMs?: number;
  readonly missesBeforeGone?: number;
}

export class HidDeviceWatcher {
  private readonly list: () => Promise<HidDeviceInfo[]>;
  private readonly timers: Timers;
  private readonly intervalMs: number;
  private readonly missesBeforeGone: number;
  private readonly known = new Map<string, { state: DeviceState; misses: number }>();
  private readonly listeners = new Set<DeviceChange>();
  private timer: TimerHandle | undefined;
  private running = false;
  private polling: Promise<void> | undefined;
  /** Last enumeration failure, if the latest poll failed (shown, not thrown). */
  lastError: string | undefined;

  constructor(
    private readonly kinds: readonly WatchedKind[],
    options: HotplugOptions = {},
  ) {
    this.list = options.list ?? (() => nodeHidBackend.devices());
    this.timers = options.timers ?? systemTimers;
    this.intervalMs = options.intervalMs ?? 2000;
    this.missesBeforeGone = options.missesBeforeGone ?? 2;
  }

  onChange(listener: DeviceChange): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Current devices, connected ones first, for a UI that attaches late. */
  states(): DeviceState[] {
    return [...this.known.values()].map((k) => k.state).sort((a, b) => (a.status === b.status ? 0 : a.status === 'connected' ? -1 : 1));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.tick();
  }

  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** One enumeration now (also what the timer runs); concurrent calls share it. */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => (this.polling = undefined));
    return this.polling;
  }

  /** An open handle reported `error`: the device is gone, don't wait for the poll. */
  markGone(path: string): void {
    const k = this.known.get(path);
    if (k && k.state.status === 'connected') this.set(path, { ...k.state, status: 'disconnected' }, this.missesBeforeGone);
  }

  private async tick(): Promise<void> {
    await this.poll();
    if (this.running) this.timer = this.timers.after(this.intervalMs, () => void this.tick());
  }

  private async pollOnce(): Promise<void> {
    let devices: HidDeviceInfo[];
    try {
      devices = await this.list();
      this.lastError = undefined;
    } catch (err) {
      // A failed enumeration says nothing about the devices: keep their state.
      this.lastError = err instanceof Error ? err.message : String(err);
      return;
    }
    const seen = new Set<string>();
    for (const d of devices) {
      const watched = this.kinds.find((k) => matchesHid(d, k.match));
      if (!watched || d.path === undefined || seen.has(d.path)) continue;
      seen.add(d.path);
      const prev = this.known.get(d.path);
      if (!prev || prev.state.status === 'disconnected') {
        this.set(d.path, { kind: watched.kind, path: d.path, product: d.product, status: 'connected' }, 0);
      } else prev.misses = 0;
    }
    for (const [path, k] of this.known) {
      if (seen.has(path) || k.state.status === 'disconnected') continue;
      k.misses += 1;
      if (k.misses >= this.missesBeforeGone) this.set(path, { ...k.state, status: 'disconnected' }, k.misses);
    }
  }

  private set(path: string, state: DeviceState, misses: number): void {
    this.known.set(path, { state, misses });
    for (const l of this.listeners) l(state);
  }
}
