import { decodeLine } from './decode';
import { detectFormat } from './detect';
import type { SmdrFormat } from './formats/types';
import type { JournalEntry } from './journal';

/** Non-blank lines auto-detection looks at (a sliding window until it decides). */
export const AUTO_SAMPLE_LINES = 20;
/** Non-blank lines held back while undecided; past this they go out as unrecognized. */
export const AUTO_HOLD_LINES = 8;

/** Entries ready to parse, and the format to parse them with (null: none detected). */
export interface AutoRelease {
  format: SmdrFormat | null;
  entries: JournalEntry[];
}

/**
 * The `auto` format setting: lines are held (they are already journaled, so
 * holding loses nothing) until the first lines say which format this is; then
 * the held lines and every later one parse with it. If nothing convinces within
 * AUTO_HOLD_LINES lines, the held ones are released as unrecognized — shown,
 * never dropped — and detection keeps trying on a sliding window.
 *
 * Invariant: the outcome depends only on the sequence of lines, so the replay
 * of a journal at start gives every line the same kind it had when live.
 * Once detected, the format is sticky for the life of the link.
 */
export class AutoFormat {
  private detected: SmdrFormat | null = null;
  private readonly sample: string[] = [];
  private held: JournalEntry[] = [];
  private heldNonBlank = 0;

  constructor(private readonly formats?: readonly SmdrFormat[]) {}

  get format(): SmdrFormat | null {
    return this.detected;
  }

  offer(entry: JournalEntry): AutoRelease {
    if (this.detected !== null) return { format: this.detected, entries: [entry] };
    this.held.push(entry);
    // Every format's markers are ASCII, so latin1 is a safe probe whatever the charset.
    const probe = decodeLine(entry.bytes, 'latin1');
    if (probe.trim() === '') return { format: null, entries: [] };
    this.heldNonBlank += 1;
    this.sample.push(probe);
    if (this.sample.length > AUTO_SAMPLE_LINES) this.sample.shift();
    const found = detectFormat(this.sample, this.formats);
    if (found !== null) {
      this.detected = found.format;
      return { format: found.format, entries: this.release() };
    }
    if (this.heldNonBlank >= AUTO_HOLD_LINES) return { format: null, entries: this.release() };
    return { format: null, entries: [] };
  }

  /**
   * Lines journaled but not yet released. They stay held across a disconnect
   * and a restart (the replay holds them again), which keeps the invariant above.
   */
  get heldCount(): number {
    return this.held.length;
  }

  private release(): JournalEntry[] {
    const out = this.held;
    this.held = [];
    this.heldNonBlank = 0;
    return out;
  }
}
