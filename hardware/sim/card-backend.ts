import type { HidBackend, HidDeviceInfo, HidDeviceLike } from '../card/hid-transport';
import { Em4100WriterEmulator } from './em4100-writer-emulator';
import { Msr605xEmulator } from './msr605x-emulator';

/**
 * A `HidBackend` whose devices are the emulators, for demo mode and tests: the
 * app opens, watches and drives them through exactly the code path it uses for
 * real hardware. `plug`/`unplug` change what enumeration returns; unplugging
 * also fires the open handle's `error`, as a real cable pull does.
 */
export class EmulatedCardBackend implements HidBackend {
  msr605x = new Msr605xEmulator();
  em4100Writer = new Em4100WriterEmulator();
  private readonly present = new Set<'msr605x' | 'em4100Writer'>(['msr605x', 'em4100Writer']);

  async devices(): Promise<HidDeviceInfo[]> {
    const list: HidDeviceInfo[] = [];
    if (this.present.has('msr605x')) list.push({ vendorId: 0x0801, productId: 0x0003, path: 'sim:msr605x', product: 'MSR605X (emulated)' });
    if (this.present.has('em4100Writer')) list.push({ vendorId: 0xffff, productId: 0x0035, path: 'sim:em4100', product: 'USB Reader (emulated)' });
    return list;
  }

  async open(path: string): Promise<HidDeviceLike> {
    if (path === 'sim:msr605x' && this.present.has('msr605x')) return this.msr605x;
    if (path === 'sim:em4100' && this.present.has('em4100Writer')) return this.em4100Writer;
    throw new Error(`cannot open HID device ${path}`);
  }

  unplug(kind: 'msr605x' | 'em4100Writer'): void {
    this.present.delete(kind);
    this[kind].unplug();
  }

  /** Plugs a fresh unit in (a re-plugged device is a new handle with power-up state). */
  plug(kind: 'msr605x' | 'em4100Writer'): void {
    this.present.add(kind);
    if (kind === 'msr605x') this.msr605x = new Msr605xEmulator();
    else this.em4100Writer = new Em4100WriterEmulator();
  }
}
