/**
 * The MSR605X's USB HID framing (hardware.md 1.1, rubicae/msr605x README): a
 * serial-protocol message is cut into chunks of at most 63 bytes, each sent as
 * a 64-byte report `header, chunk, padding`, where header bit 7 = first packet,
 * bit 6 = last packet, bits 0–5 = chunk length. The device does not zero its
 * padding, so a reader must trust the length bits only.
 */
export const MSR_REPORT_SIZE = 64;
export const MSR_MAX_CHUNK = 63;
export const FIRST_PACKET = 0x80;
export const LAST_PACKET = 0x40;
export const LENGTH_MASK = 0x3f;

/** Splits one message into 64-byte packets (header + chunk + zero padding). */
export function frameMessage(message: Uint8Array): Uint8Array[] {
  const packets: Uint8Array[] = [];
  for (let at = 0; at < message.length || packets.length === 0; at += MSR_MAX_CHUNK) {
    const chunk = message.subarray(at, at + MSR_MAX_CHUNK);
    const first = at === 0 ? FIRST_PACKET : 0;
    const last = at + MSR_MAX_CHUNK >= message.length ? LAST_PACKET : 0;
    const packet = new Uint8Array(MSR_REPORT_SIZE);
    packet[0] = first | last | chunk.length;
    packet.set(chunk, 1);
    packets.push(packet);
  }
  return packets;
}

/**
 * Reassembles input reports into messages. A packet with the first bit starts
 * a new message (dropping any unfinished one: the device restarted it); a
 * continuation with no message in progress is noise and is dropped.
 */
export class MessageAssembler {
  private parts: number[] | undefined;

  /** Feeds one input report; returns a message when its last packet arrives. */
  push(report: Uint8Array): Uint8Array | undefined {
    const header = report[0];
    if (header === undefined) return undefined;
    const length = Math.min(header & LENGTH_MASK, report.length - 1);
    if (header & FIRST_PACKET) this.parts = [];
    if (!this.parts) return undefined;
    this.parts.push(...report.subarray(1, 1 + length));
    if (!(header & LAST_PACKET)) return undefined;
    const message = Uint8Array.from(this.parts);
    this.parts = undefined;
    return message;
  }

  reset(): void {
    this.parts = undefined;
  }
}
