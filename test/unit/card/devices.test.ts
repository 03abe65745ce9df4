import { describe, expect, it } from 'vitest';
import { encodeAndVerify } from '../../../hardware/card/card-encoder';
import { CARD_DEVICES, openEm4100Writer, openMsr605x } from '../../../hardware/card/devices';
import { CardDeviceError } from '../../../hardware/card/errors';
import { HidDeviceWatcher, type DeviceState } from '../../../hardware/card/hotplug';
import { EmulatedCardBackend } from '../../../hardware/sim/card-backend';

const code = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof CardDeviceError ? e.code : 'other'),
  );

describe('opening, unplugging and re-plugging through the same path as real hardware', () => {
  it('opens both devices by VID/PID, encodes and verifies', async () => {
    const backend = new EmulatedCardBackend();
    const msr = await openMsr605x({ backend, driver: { swipeTimeoutMs: 300 } });
    await expect(encodeAndVerify(msr, { track2: '1234567890' })).resolves.toMatchObject({ ok: true });
    const em = await openEm4100Writer({ backend, driver: { settleMs: 0 } });
    await expect(encodeAndVerify(em, { customer: 1, id: 42 })).resolves.toMatchObject({ ok: true });
  });

  it('unplug fails the open encoder, the watcher reports it, and a re-plug reopens cleanly', async () => {
    const backend = new EmulatedCardBackend();
    const events: DeviceState[] = [];
    const watcher = new HidDeviceWatcher(CARD_DEVICES, { list: () => backend.devices() });
    watcher.onChange((s) => events.push(s));
    await watcher.poll();
    const msr = await openMsr605x({ backend, driver: { swipeTimeoutMs: 300 } });

    backend.unplug('msr605x');
    expect(await code(msr.read())).toBe('unplugged');
    watcher.markGone('sim:msr605x');
    expect(await code(openMsr605x({ backend }))).toBe('notFound');

    backend.plug('msr605x');
    await watcher.poll();
    expect(events.filter((e) => e.kind === 'msr605x').map((e) => e.status)).toEqual(['connected', 'disconnected', 'connected']);
    const again = await openMsr605x({ backend, driver: { swipeTimeoutMs: 300 } });
    await expect(encodeAndVerify(again, { track1: 'HELLO' })).resolves.toMatchObject({ ok: true });
  });
});
