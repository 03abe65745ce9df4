import { EventEmitter } from 'node:events';
import type { HidDeviceLike } from '../card/hid-transport';

/**
 * A byte-for-byte `ffff:0035` EM4100/T5577 writer at the node-hid boundary
 * (hardware.md 1.3a). It accepts only well-formed 256-byte FEATURE report 1
 * requests (SOM 0xAA, length, payload, XOR checksum, EOM 0xBB) and answers on
 * FEATURE report 2 in the 19-byte layout of pyrfidhid's fixture. Like a real
 * T5577, a freshly written tag cannot be read until the field is reset (the
 * `0x89 0x05` "beep" the IDRW tool sends). The no-tag answer's exact bytes are
 * not published; a short frame with a non-zero status stands in for it.
 */
export type Em4100WriterFault = 'none' | 'noCard' | 'writeError' | 'cardPulled' | 'unplugged';

export interface EmulatedTag {
  customer: number;
  id: number;
  /** A T5577 is writable; a factory EM4100 tag is not. */
  writable: boolean;
}

export class Em4100WriterEmulator extends EventEmitter implements HidDeviceLike {
  tag: EmulatedTag | undefined = { customer: 0, id: 0, writable: true };
  fault: Em4100WriterFault = 'none';
  readonly requests: Uint8Array[] = [];
  private answerReport: Uint8Array = noTagAnswer();
  private needsFieldReset = false;
  private unplugged = false;

  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    this.assertPlugged();
    const r = Uint8Array.from(data);
    if (r.length !== 256 || r[0] !== 0x01) throw new Error('Cannot send feature report');
    this.requests.push(r);
    const len = r[10] ?? 0;
    const payload = [...r.subarray(11, 11 + len)];
    let x = len;
    for (const b of payload) x ^= b;
    if (r[8] !== 0xaa || r[11 + len] !== x || r[12 + len] !== 0xbb) {
      this.answerReport = noTagAnswer(); // the device ignores a garbled request
      return r.length;
    }
    const command = payload[0];
    if (this.fault === 'unplugged' && command !== 0x89) {
      this.unplug();
      throw new Error('Cannot send feature report');
    }
    if (command === 0x25) this.answerReport = this.readAnswer();
    else if (command === 0x21 && r[6] === 0x1f && len === 26) this.answerReport = this.program(payload);
    else if (command === 0x89 && payload[1] === 0x05) this.needsFieldReset = false;
    return r.length;
  }

  async getFeatureReport(reportId: number, length: number): Promise<Buffer> {
    this.assertPlugged();
    if (reportId !== 0x02) throw new Error('Cannot get feature report');
    return Buffer.from(this.answerReport.subarray(0, length));
  }

  async write(_data: number[] | Buffer): Promise<number> {
    this.assertPlugged();
    throw new Error('Cannot write to HID device'); // this device has no OUTPUT report
  }

  async close(): Promise<void> {}

  unplug(): void {
    if (this.unplugged) return;
    this.unplugged = true;
    this.emit('error', new Error('could not read from HID device'));
  }

  private assertPlugged(): void {
    if (this.unplugged) throw new Error('Cannot write to HID device');
  }

  private readAnswer(): Uint8Array {
    const tag = this.tag;
    if (!tag || this.fault === 'noCard' || this.needsFieldReset) return noTagAnswer();
    const body = [6, 0, tag.customer, (tag.id >>> 24) & 0xff, (tag.id >>> 16) & 0xff, (tag.id >>> 8) & 0xff, tag.id & 0xff];
    const xor = body.reduce((a, b) => a ^ b, 0);
    return Uint8Array.from([0x02, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, ...body, xor, 0x03]);
  }

  private program(p: number[]): Uint8Array {
    const tag = this.tag;
    if (!tag || this.fault === 'noCard') return noTagAnswer();
    if (this.fault === 'cardPulled') {
      this.tag = undefined; // taken out of the field during programming
      return noTagAnswer();
    }
    if (this.fault !== 'writeError' && tag.writable && p[4] === 0x00) {
      tag.customer = p[5] ?? 0;
      tag.id = (((p[6] ?? 0) << 24) | ((p[7] ?? 0) << 16) | ((p[8] ?? 0) << 8) | (p[9] ?? 0)) >>> 0;
      this.needsFieldReset = true;
    }
    return Uint8Array.from([0x02, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0x01, 0x00, 0x01, 0x03]);
  }
}

function noTagAnswer(): Uint8Array {
  return Uint8Array.from([0x02, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0x01, 0x01, 0x00, 0x03]);
}
