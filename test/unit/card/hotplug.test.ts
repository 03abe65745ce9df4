import { describe, expect, it } from 'vitest';
import { HidDeviceWatcher, type DeviceState } from '../../../hardware/card/hotplug';
import type { HidDeviceInfo } from '../../../hardware/card/hid-transport';
import { ManualClock } from './manual-clock';

const MSR: HidDeviceInfo = { vendorId: 0x0801, productId: 0x0003, path: '/dev/hidraw3', product: 'MSR605X' };
const EM: HidDeviceInfo = { vendorId: 0xffff, productId: 0x0035, path: '/dev/hidraw4', product: 'USB Reader' };
const MOUSE: HidDeviceInfo = { vendorId: 0x046d, productId: 0xc077, path: '/dev/hidraw0' };

function setup(): { clock: ManualClock; present: HidDeviceInfo[]; events: DeviceState[]; watcher: HidDeviceWatcher } {
  const clock = new ManualClock();
  const present: HidDeviceInfo[] = [MOUSE];
  const events: DeviceState[] = [];
  const watcher = new HidDeviceWatcher(
    [
      { kind: 'msr605x', match: { vendorId: 0x0801, productId: 0x0003 } },
      { kind: 'em4100Writer', match: { vendorId: 0xffff, productId: 0x0035 } },
    ],
    { list: async () => [...present], timers: clock, intervalMs: 2000 },
  );
  watcher.onChange((s) => events.push(s));
  return { clock, present, events, watcher };
}

describe('hot-plug by polling', () => {
  it('reports connect on the next poll and disconnect after two missed polls', async () => {
    const { clock, present, events, watcher } = setup();
    watcher.start();
    await clock.advance(0);
    expect(events).toEqual([]);
    present.push(MSR, EM);
    await clock.advance(2000);
    expect(events.map((e) => `${e.kind}:${e.status}`)).toEqual(['msr605x:connected', 'em4100Writer:connected']);
    present.splice(present.indexOf(MSR), 1);
    await clock.advance(2000);
    expect(events).toHaveLength(2); // one miss is not enough: re-enumeration can hide a device briefly
    await clock.advance(2000);
    expect(events.at(-1)).toEqual({ kind: 'msr605x', path: '/dev/hidraw3', product: 'MSR605X', status: 'disconnected' });
    expect(watcher.states().map((s) => s.status)).toEqual(['connected', 'disconnected']);
    present.push(MSR);
    await clock.advance(2000);
    expect(events.at(-1)?.status).toBe('connected');
    watcher.stop();
  });

  it("a handle's error reports the device gone at once", async () => {
    const { present, events, watcher } = setup();
    present.push(MSR);
    await watcher.poll();
    watcher.markGone('/dev/hidraw3');
    expect(events.map((e) => e.status)).toEqual(['connected', 'disconnected']);
  });

  it('a failed enumeration keeps the known state and records the error', async () => {
    const clock = new ManualClock();
    let fail = false;
    const events: DeviceState[] = [];
    const w = new HidDeviceWatcher([{ kind: 'msr605x', match: { vendorId: 0x0801, productId: 0x0003 } }], {
      timers: clock,
      list: async () => {
        if (fail) throw new Error('enumeration failed');
        return [MSR];
      },
    });
    w.onChange((s) => events.push(s));
    await w.poll();
    fail = true;
    await w.poll();
    await w.poll();
    expect(events.map((e) => e.status)).toEqual(['connected']);
    expect(w.lastError).toBe('enumeration failed');
  });
});
