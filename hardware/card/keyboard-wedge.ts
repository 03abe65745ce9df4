/**
 * Keyboard-wedge readers (hardware.md 1.5): the reader "types" the card number
 * and Enter. node-hid cannot read a keyboard-class device, so the app sees key
 * events (in Electron, `before-input-event`). A reader types a whole number in
 * one burst a few milliseconds per key; a person needs ~100 ms or more between
 * keys. The decoder therefore accepts a number only if every gap in it — up to
 * and including the Enter — is under `maxGapMs`. Pure: time comes with the key.
 */
export interface KeyStroke {
  /** `KeyboardEvent.key`: '0'…'9', 'Enter', letters; others are ignored. */
  readonly key: string;
  /** Milliseconds on any monotonic clock. */
  readonly at: number;
}

export interface WedgeOptions {
  readonly maxGapMs?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** What a card number looks like for the readers in use. */
  readonly pattern?: RegExp;
}

export type WedgeResult =
  /** A reader burst: the card number. */
  | { readonly kind: 'card'; readonly number: string; readonly burstMs: number }
  /** Enter after typing that was too slow or not a card number: a person typed it. */
  | { readonly kind: 'typed'; readonly text: string };

const PRINTABLE = /^[0-9A-Za-z]$/;

export class WedgeDecoder {
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly maxLength: number;
  private readonly pattern: RegExp;
  /** Text since the last slow gap; only this part can be a reader burst. */
  private burst = '';
  private burstStart = 0;
  /** Everything since the last Enter, for the 'typed' result. */
  private all = '';
  private last: number | undefined;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 40;
    this.minLength = options.minLength ?? 4;
    this.maxLength = options.maxLength ?? 20;
    this.pattern = options.pattern ?? /^[0-9]+$/;
  }

  /** Feeds one key; returns a result on Enter, otherwise `undefined`. */
  push(stroke: KeyStroke): WedgeResult | undefined {
    const slow = this.last !== undefined && stroke.at - this.last > this.maxGapMs;
    this.last = stroke.at;
    if (stroke.key === 'Enter') {
      const result = this.finish(slow, stroke.at);
      this.reset();
      return result;
    }
    if (!PRINTABLE.test(stroke.key)) return undefined;
    if (slow || this.burst === '') {
      this.burst = '';
      this.burstStart = stroke.at;
    }
    this.burst += stroke.key;
    this.all += stroke.key;
    return undefined;
  }

  reset(): void {
    this.burst = '';
    this.all = '';
    this.last = undefined;
  }

  private finish(slowEnter: boolean, at: number): WedgeResult | undefined {
    const b = this.burst;
    if (!slowEnter && b.length >= this.minLength && b.length <= this.maxLength && this.pattern.test(b)) {
      return { kind: 'card', number: b, burstMs: at - this.burstStart };
    }
    return this.all === '' ? undefined : { kind: 'typed', text: this.all };
  }
}

/** Decodes a whole recorded sequence; returns every result in order. */
export function decodeWedge(strokes: readonly KeyStroke[], options?: WedgeOptions): WedgeResult[] {
  const d = new WedgeDecoder(options);
  return strokes.map((s) => d.push(s)).filter((r): r is WedgeResult => r !== undefined);
}

/** Key strokes for `text` (`\n` = Enter) typed `gapMs` apart from `startMs`: for tests and the demo. */
export function strokesFor(text: string, gapMs: number, startMs = 0): KeyStroke[] {
  return [...text].map((ch, i) => ({ key: ch === '\n' ? 'Enter' : ch, at: startMs + i * gapMs }));
}

/**
 * USB HID keyboard usage (page 0x07) → key, for readers seen as raw boot
 * keyboards. Digits run 1…9 then 0 (0x1E…0x26, 0x27): 0 is not before 1.
 */
export function usageToKey(usage: number): string | undefined {
  if (usage >= 0x1e && usage <= 0x26) return String(usage - 0x1d);
  if (usage === 0x27) return '0';
  if (usage === 0x28) return 'Enter';
  if (usage >= 0x04 && usage <= 0x1d) return String.fromCharCode(0x61 + usage - 0x04);
  return undefined;
}
