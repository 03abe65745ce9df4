import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CardDeviceError } from '../../../hardware/card/errors';
import { HidTransport, type HidBackend, type HidDeviceLike } from '../../../hardware/card/hid-transport';
import { ManualClock } from './manual-clock';

/** A device that answers every feature report with one input report, synchronously. */
class EchoDevice extends EventEmitter implements HidDeviceLike {
  hang = false;
  async write(d: number[] | Buffer): Promise<number> {
    return this.sendFeatureReport(d);
  }
  sendFeatureReport(d: number[] | Buffer): Promise<number> {
    if (this.hang) return new Promise(() => undefined);
    // Answers before the call even returns: only a listener attached beforehand sees it.
    this.emit('data', Buffer.from(d).subarray(1));
    return Promise.resolve(d.length);
  }
  async getFeatureReport(id: number, len: number): Promise<Buffer> {
    return Buffer.alloc(len, id);
  }
  async close(): Promise<void> {}
}

const code = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof CardDeviceError ? e.code : 'other'),
  );

describe('HidTransport', () => {
  it('listens before writing, so an immediate answer is not lost', async () => {
    const t = new HidTransport(new EchoDevice());
    await t.sendFeature(Uint8Array.of(0, 7, 8));
    expect([...(await t.nextInput(10))]).toEqual([7, 8]);
  });

  it('times out a wait for input, and a hung HID call, with typed errors', async () => {
    const clock = new ManualClock();
    const dev = new EchoDevice();
    const t = new HidTransport(dev, { timers: clock, ioTimeoutMs: 500 });
    const wait = code(t.nextInput(100));
    await clock.advance(100);
    expect(await wait).toBe('timeout');
    dev.hang = true;
    const hung = code(t.sendFeature(Uint8Array.of(0, 1)));
    await clock.advance(500);
    expect(await hung).toBe('timeout');
  });

  it("treats the device's error event as unplugged: pending and later calls fail", async () => {
    const dev = new EchoDevice();
    const t = new HidTransport(dev);
    let told = 0;
    t.onUnplugged(() => told++);
    const pending = code(t.nextInput(1000));
    dev.emit('error', new Error('could not read from HID device'));
    expect(await pending).toBe('unplugged');
    expect(await code(t.sendFeature(Uint8Array.of(0)))).toBe('unplugged');
    expect(t.isOpen).toBe(false);
    expect(told).toBe(1);
  });

  it('opens by vendor/product and usage page, picking the right interface path', async () => {
    const opened: string[] = [];
    const backend: HidBackend = {
      devices: async () => [
        { vendorId: 0x0801, productId: 0x0003, path: 'kbd', usagePage: 0x01, usage: 0x06 },
        { vendorId: 0x0801, productId: 0x0003, path: 'vendor', usagePage: 0xff00, usage: 0x01 },
      ],
      open: async (path) => {
        opened.push(path);
        return new EchoDevice();
      },
    };
    await HidTransport.open({ vendorId: 0x0801, productId: 0x0003, usagePage: 0xff00 }, backend);
    expect(opened).toEqual(['vendor']);
    expect(await code(HidTransport.open({ vendorId: 0xffff, productId: 0x0035 }, backend))).toBe('notFound');
  });
});
