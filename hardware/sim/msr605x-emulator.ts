import { EventEmitter } from 'node:events';
import type { HidDeviceLike } from '../card/hid-transport';

/**
 * A byte-for-byte MSR605X at the node-hid boundary (hardware.md 1.1). It takes
 * 65-byte reports (report id 0 + 64: header with first/last/length bits, chunk,
 * padding) as FEATURE or OUTPUT reports, runs the programmer's-manual ESC
 * command set on a simulated card, and answers with 64-byte input reports whose
 * padding is garbage, as on the real unit, so a driver that ignores the length
 * bits fails here too. Framing and block parsing are written independently of
 * the driver's so that a shared misunderstanding cannot pass unnoticed.
 */
export type Msr605xFault = 'none' | 'noCard' | 'writeError' | 'cardPulled' | 'unplugged';

export interface EmulatedStripe {
  /** Track contents without sentinels; absent = blank track. */
  tracks: { 1?: string; 2?: string; 3?: string };
  /** Hi-Co cards are written only in Hi-Co mode (as the real unit behaves). */
  coercivity: 'hi' | 'lo';
  /** Tracks left unreadable by a write that was cut short. */
  damaged: Set<1 | 2 | 3>;
}

const ESC = 0x1b;
const FS = 0x1c;
const GARBAGE = 0xa5;

export class Msr605xEmulator extends EventEmitter implements HidDeviceLike {
  /** The card the next swipe will present; `undefined` = nobody swipes. */
  card: EmulatedStripe | undefined = { tracks: {}, coercivity: 'hi', damaged: new Set() };
  fault: Msr605xFault = 'none';
  /** The real unit starts in Lo-Co (Magnetic-Fox README, "Known issues"). */
  mode: 'hi' | 'lo' = 'lo';
  /** Simulated time between arming a read/write and the swipe. */
  swipeDelayMs = 0;
  /** Every report received and sent, for byte-level assertions. */
  readonly reportsIn: Uint8Array[] = [];
  readonly reportsOut: Uint8Array[] = [];
  private unplugged = false;
  private inbox: number[] | undefined;
  private cancelPendingSwipe: (() => void) | undefined;
  private armed = false;

  sendFeatureReport(data: number[] | Buffer): Promise<number> {
    return this.receive(data);
  }

  write(data: number[] | Buffer): Promise<number> {
    return this.receive(data);
  }

  async getFeatureReport(_reportId: number, length: number): Promise<Buffer> {
    this.assertPlugged();
    return Buffer.alloc(length);
  }

  async close(): Promise<void> {
    this.cancelSwipe();
  }

  /** Pulls the cable: node-hid reports an `error`, and the handle is dead. */
  unplug(): void {
    if (this.unplugged) return;
    this.unplugged = true;
    this.cancelSwipe();
    this.emit('error', new Error('could not read from HID device'));
  }

  private async receive(data: number[] | Buffer): Promise<number> {
    this.assertPlugged();
    const report = Uint8Array.from(data);
    // node-hid: "the exact number of bytes" — report id 0 + 64 for this device.
    if (report.length !== 65 || report[0] !== 0x00) throw new Error('Cannot send feature report');
    this.reportsIn.push(report);
    const header = report[1] ?? 0;
    const length = Math.min(header & 0x3f, 63);
    if (header & 0x80) this.inbox = [];
    if (this.inbox) {
      this.inbox.push(...report.subarray(2, 2 + length));
      if (header & 0x40) {
        const message = this.inbox;
        this.inbox = undefined;
        setImmediate(() => this.handle(message));
      }
    }
    return report.length;
  }

  private assertPlugged(): void {
    if (this.unplugged) throw new Error('Cannot write to HID device');
  }

  private handle(m: number[]): void {
    if (this.unplugged) return;
    if (m[0] !== ESC || m.length < 2) return this.answer([ESC, 0x32]);
    const command = m[1];
    if (this.fault === 'unplugged' && (command === 0x72 || command === 0x77)) return this.unplug();
    switch (command) {
      case 0x61: // reset: cancels an armed read/write, no answer
        this.cancelSwipe();
        return;
      case 0x65:
        return this.answer([ESC, 0x79]);
      case 0x78:
      case 0x79:
        this.mode = command === 0x78 ? 'hi' : 'lo';
        return this.answer([ESC, 0x30]);
      case 0x64: // the MSR605X answers in lower case
        return this.answer([ESC, this.mode === 'hi' ? 0x68 : 0x6c]);
      case 0x76:
        return this.answer([ESC, ...Buffer.from('REV?1.00')]);
      case 0x74:
        return this.answer([ESC, 0x33, 0x53]);
      case 0x72:
        return this.armSwipe(() => this.answer(this.readBlock()));
      case 0x77: {
        const tracks = parseWriteBlock(m.slice(2));
        if (!tracks) return this.answer([ESC, 0x32]);
        return this.armSwipe(() => this.answer([ESC, this.writeCard(tracks)]));
      }
      default:
        return this.answer([ESC, 0x34]);
    }
  }

  /** Read and write wait for a swipe; with no card (or fault noCard) they wait until reset. */
  private armSwipe(onSwipe: () => void): void {
    this.cancelSwipe();
    this.armed = true;
    if (this.fault === 'noCard' || !this.card) return;
    const swipe = (): void => {
      this.cancelPendingSwipe = undefined;
      if (!this.armed || this.unplugged) return;
      this.armed = false;
      onSwipe();
    };
    // A zero delay swipes on the next turn of the event loop, not after a 1 ms timer clamp.
    if (this.swipeDelayMs > 0) {
      const t = setTimeout(swipe, this.swipeDelayMs);
      this.cancelPendingSwipe = () => clearTimeout(t);
    } else {
      const t = setImmediate(swipe);
      this.cancelPendingSwipe = () => clearImmediate(t);
    }
  }

  private cancelSwipe(): void {
    this.armed = false;
    this.cancelPendingSwipe?.();
    this.cancelPendingSwipe = undefined;
  }

  private writeCard(tracks: Map<1 | 2 | 3, string>): number {
    const card = this.card;
    if (!card) return 0x31;
    if (this.fault === 'writeError' || (card.coercivity === 'hi' && this.mode === 'lo')) return 0x31;
    if (this.fault === 'cardPulled') {
      // The card leaves the head part-way: the first track is written, the rest is garbage.
      const [first, ...rest] = [...tracks.keys()];
      if (first !== undefined) card.tracks[first] = tracks.get(first);
      for (const t of rest) card.damaged.add(t);
      return 0x39;
    }
    for (const [t, data] of tracks) {
      card.tracks[t] = data;
      card.damaged.delete(t);
    }
    return 0x30;
  }

  /** `ESC s ESC 1 %…? ESC 2 ;…? ESC 3 ;…? ? FS ESC status`, empty tracks as bare `ESC n`. */
  private readBlock(): number[] {
    const card = this.card;
    if (!card) return [ESC, 0x31];
    const out = [ESC, 0x73];
    let status = 0x30;
    for (const t of [1, 2, 3] as const) {
      out.push(ESC, t);
      if (card.damaged.has(t)) {
        out.push(ESC, 0x2a);
        status = 0x31;
        continue;
      }
      const data = card.tracks[t];
      if (data) out.push(...Buffer.from(`${t === 1 ? '%' : ';'}${data}?`));
    }
    out.push(0x3f, FS, ESC, status);
    return out;
  }

  private answer(message: number[]): void {
    if (this.unplugged) return;
    for (let at = 0, first = true; first || at < message.length; at += 63, first = false) {
      const chunk = message.slice(at, at + 63);
      const last = at + 63 >= message.length;
      const report = Buffer.alloc(64, GARBAGE);
      report[0] = (first ? 0x80 : 0) | (last ? 0x40 : 0) | chunk.length;
      Buffer.from(chunk).copy(report, 1);
      this.reportsOut.push(Uint8Array.from(report));
      this.emit('data', report);
    }
  }
}

/** `ESC s [ESC n data]… ? FS` → track contents; `undefined` if malformed. */
function parseWriteBlock(b: number[]): Map<1 | 2 | 3, string> | undefined {
  if (b[0] !== ESC || b[1] !== 0x73 || b.at(-2) !== 0x3f || b.at(-1) !== FS) return undefined;
  const tracks = new Map<1 | 2 | 3, string>();
  let current: 1 | 2 | 3 | undefined;
  for (let i = 2; i < b.length - 2; i++) {
    const byte = b[i] ?? 0;
    if (byte === ESC) {
      const t = b[++i];
      if (t !== 1 && t !== 2 && t !== 3) return undefined;
      current = t;
      tracks.set(t, '');
      continue;
    }
    if (current === undefined) return undefined;
    tracks.set(current, (tracks.get(current) ?? '') + String.fromCharCode(byte));
  }
  return tracks;
}
