import type { WatchedKind } from './hotplug';
import { Em4100Writer, type Em4100WriterOptions } from './em4100-writer/driver';
import { EM4100_WRITER_HID } from './em4100-writer/protocol';
import { HidTransport, nodeHidBackend, type HidBackend, type HidTransportOptions } from './hid-transport';
import { Msr605xEncoder, type Msr605xOptions } from './msr605x/driver';
import { MSR605X_HID } from './msr605x/protocol';

/**
 * The card devices the desk knows, by USB identity. The MSR605X dump shows one
 * HID interface (hardware.md 1.1), the `ffff:0035` writer one as well, so VID
 * and PID suffice; `HidMatch` takes a usage page where a device has several.
 */
export const CARD_DEVICES: readonly WatchedKind[] = [
  { kind: 'msr605x', match: MSR605X_HID },
  { kind: 'em4100Writer', match: EM4100_WRITER_HID },
];

export interface OpenOptions {
  readonly backend?: HidBackend;
  readonly transport?: HidTransportOptions;
}

/** Opens and initialises the MSR605X (reset, test, Hi-Co). */
export async function openMsr605x(options: OpenOptions & { readonly driver?: Msr605xOptions } = {}): Promise<Msr605xEncoder> {
  const transport = await HidTransport.open(MSR605X_HID, options.backend ?? nodeHidBackend, options.transport);
  const encoder = new Msr605xEncoder(transport, options.driver);
  try {
    await encoder.init();
  } catch (err) {
    await transport.close();
    throw err;
  }
  return encoder;
}

/** Opens the `ffff:0035` EM4100/T5577 writer (it needs no start-up exchange). */
export async function openEm4100Writer(options: OpenOptions & { readonly driver?: Em4100WriterOptions } = {}): Promise<Em4100Writer> {
  const transport = await HidTransport.open(EM4100_WRITER_HID, options.backend ?? nodeHidBackend, options.transport);
  return new Em4100Writer(transport, options.driver);
}
