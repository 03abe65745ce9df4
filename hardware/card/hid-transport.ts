import type { HIDAsync } from 'node-hid';
import { CardDeviceError } from './errors';
import { systemTimers, withTimeout, type Timers } from './timers';

/**
 * The part of node-hid's `HIDAsync` the drivers use. Emulators implement
 * exactly this, so tests cross the same boundary a real device does: reports
 * in (`write` = OUTPUT, `sendFeatureReport` = FEATURE, first byte = report id),
 * input reports out through `data`, and `error` when the device goes away
 * (node-hid has no close event: hardware.md 2.1, node-hid#520).
 */
export interface HidDeviceLike {
  write(data: number[] | Buffer): Promise<number>;
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
  getFeatureReport(reportId: number, length: number): Promise<Buffer>;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): Promise<void>;
}

// Compile-time proof that the real handle fits the interface.
const _realHandleFits = (d: HIDAsync): HidDeviceLike => d;
void _realHandleFits;

/** What enumeration tells us about a device (a subset of node-hid's `Device`). */
export interface HidDeviceInfo {
  readonly vendorId: number;
  readonly productId: number;
  readonly path?: string | undefined;
  readonly product?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly usagePage?: number | undefined;
  readonly usage?: number | undefined;
  readonly interface?: number | undefined;
}

/** Which device to open. Usage page/usage pick one interface of a composite device. */
export interface HidMatch {
  readonly vendorId: number;
  readonly productId: number;
  readonly usagePage?: number;
  readonly usage?: number;
}

export function matchesHid(info: HidDeviceInfo, m: HidMatch): boolean {
  return (
    info.vendorId === m.vendorId &&
    info.productId === m.productId &&
    (m.usagePage === undefined || info.usagePage === undefined || info.usagePage === m.usagePage) &&
    (m.usage === undefined || info.usage === undefined || info.usage === m.usage)
  );
}

/** Enumeration and opening, injectable so tests never touch the native module. */
export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDeviceLike>;
}

/** The real backend. Loaded lazily so that importing drivers never loads the native addon. */
export const nodeHidBackend: HidBackend = {
  devices: async () => (await import('node-hid')).devicesAsync(),
  open: async (path) => (await import('node-hid')).HIDAsync.open(path),
};

export interface HidTransportOptions {
  readonly timers?: Timers;
  /** Upper bound on one report write/read call; a hung call means a hung device. */
  readonly ioTimeoutMs?: number;
  /** Input reports kept while nobody waits; older ones are dropped (they are stale). */
  readonly maxQueued?: number;
}

type Waiter = { resolve: (r: Uint8Array) => void; reject: (e: CardDeviceError) => void };

/**
 * One open HID handle. Invariants: the `data` listener is attached in the
 * constructor, before any write, because node-hid does not buffer input
 * without a listener; after an `error` event or a failed I/O call the
 * transport is `unplugged` for good — every pending and later call rejects
 * with `unplugged`, and the hot-plug watcher opens a fresh transport.
 */
export class HidTransport {
  private state: 'open' | 'unplugged' | 'closed' = 'open';
  private readonly queue: Uint8Array[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly unplugListeners = new Set<() => void>();
  private readonly timers: Timers;
  private readonly ioTimeoutMs: number;
  private readonly maxQueued: number;

  constructor(
    private readonly device: HidDeviceLike,
    options: HidTransportOptions = {},
  ) {
    this.timers = options.timers ?? systemTimers;
    this.ioTimeoutMs = options.ioTimeoutMs ?? 2000;
    this.maxQueued = options.maxQueued ?? 64;
    device.on('data', (data) => this.onInput(Uint8Array.from(data)));
    device.on('error', () => this.markUnplugged());
  }

  /** Opens the first device that matches, by path (so the right interface is taken). */
  static async open(match: HidMatch, backend: HidBackend = nodeHidBackend, options?: HidTransportOptions): Promise<HidTransport> {
    const info = (await backend.devices()).find((d) => matchesHid(d, match) && d.path !== undefined);
    if (info?.path === undefined) {
      throw new CardDeviceError('notFound', `no HID device ${hex4(match.vendorId)}:${hex4(match.productId)}`);
    }
    return new HidTransport(await backend.open(info.path), options);
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  onUnplugged(listener: () => void): () => void {
    this.unplugListeners.add(listener);
    return () => this.unplugListeners.delete(listener);
  }

  sendFeature(report: Uint8Array): Promise<void> {
    return this.io(() => this.device.sendFeatureReport(Buffer.from(report))).then(() => undefined);
  }

  write(report: Uint8Array): Promise<void> {
    return this.io(() => this.device.write(Buffer.from(report))).then(() => undefined);
  }

  async getFeature(reportId: number, length: number): Promise<Uint8Array> {
    return Uint8Array.from(await this.io(() => this.device.getFeatureReport(reportId, length)));
  }

  /** Forgets input that arrived before the next command (answers to an aborted one). */
  discardInput(): void {
    this.queue.length = 0;
  }

  /** The next input report, or `onTimeout()` after `ms`. */
  nextInput(ms: number, onTimeout: () => CardDeviceError = () => new CardDeviceError('timeout')): Promise<Uint8Array> {
    if (this.state !== 'open') return Promise.reject(new CardDeviceError('unplugged'));
    const ready = this.queue.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise<Uint8Array>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (r) => {
          handle.cancel();
          resolve(r);
        },
        reject: (e) => {
          handle.cancel();
          reject(e);
        },
      };
      const handle = this.timers.after(ms, () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(onTimeout());
      });
      this.waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.failWaiters();
    await this.device.close().catch(() => undefined);
  }

  private async io<T>(call: () => Promise<T>): Promise<T> {
    if (this.state !== 'open') throw new CardDeviceError('unplugged');
    try {
      return await withTimeout(call(), this.ioTimeoutMs, this.timers, () => new CardDeviceError('timeout', 'HID call did not return'));
    } catch (err) {
      if (err instanceof CardDeviceError && err.code === 'timeout') throw err;
      // hidapi only fails a write/feature call on an open handle when the device
      // is gone (or never was the device we think): treat it as unplugged.
      this.markUnplugged();
      throw new CardDeviceError('unplugged', err instanceof Error ? err.message : String(err));
    }
  }

  private onInput(report: Uint8Array): void {
    const waiter = this.waiters.shift();
    if (waiter) return waiter.resolve(report);
    this.queue.push(report);
    if (this.queue.length > this.maxQueued) this.queue.shift();
  }

  private markUnplugged(): void {
    if (this.state !== 'open') return;
    this.state = 'unplugged';
    this.failWaiters();
    void this.device.close().catch(() => undefined);
    for (const l of this.unplugListeners) l();
  }

  private failWaiters(): void {
    for (const w of this.waiters.splice(0)) w.reject(new CardDeviceError('unplugged'));
  }
}

export function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}
