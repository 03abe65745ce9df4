import { AutoFormat } from './auto-format';
import { decodeLine } from './decode';
import type { SmdrCharset } from './decode';
import type { ParseContext, SmdrFormat } from './formats/types';
import type { JournalEntry, SmdrJournal } from './journal';
import { LineFramer } from './line-framer';
import type { LineFramerOptions } from './line-framer';
import { parseSmdrLine } from './parse-line';
import type { ParsedLine } from './parse-line';

/** A journaled line and what the format made of it. */
export interface LoggedLine {
  entry: JournalEntry;
  parsed: ParsedLine;
}

export interface SmdrLinkOptions {
  journal: SmdrJournal;
  /** A fixed format, or `auto` to detect it from the first lines (see AutoFormat). */
  format: SmdrFormat | 'auto';
  dateOrder: ParseContext['dateOrder'];
  /** Site override of the format's charset (e.g. GBK names on a Panasonic). */
  charset?: SmdrCharset;
  framer?: LineFramerOptions;
}

/** How many of the latest journal entries the link remembers for previews. */
export const RECENT_ENTRIES = 200;

export const UNDETECTED_REASON = 'no known SMDR format matches the first lines; choose the format in settings';

/**
 * The transport-free core of a PBX link: bytes in, journaled and parsed lines
 * out. Order per line is fixed: frame → append + fsync → parse, so a line is
 * durable before anyone sees it, and a crash between append and parse is
 * repaired by the replay in `start`. With `auto`, a line may come out of a
 * later call than the one that journaled it (held until the format is known),
 * but always exactly once and in journal order.
 */
export class SmdrLink {
  private readonly framer: LineFramer;
  private readonly auto: AutoFormat | null;
  private recent: JournalEntry[] = [];
  /** Journal entries released so far; released entries are always a prefix of the journal. */
  private releasedCount = 0;
  /** How many of those were released before a format was known (parsed as undetected). */
  private undetectedCount = 0;

  constructor(private readonly options: SmdrLinkOptions) {
    this.framer = new LineFramer(options.framer);
    this.auto = options.format === 'auto' ? new AutoFormat() : null;
  }

  /** The PBX whose journal this link writes (its sequences start at 1). */
  get pbxId(): string {
    return this.options.journal.pbxId;
  }

  /** The format lines are parsed with: the fixed one, the detected one, or null while undetected. */
  get format(): SmdrFormat | null {
    return this.auto === null ? (this.options.format === 'auto' ? null : this.options.format) : this.auto.format;
  }

  /** Lines journaled but held back until auto-detection decides. */
  get heldCount(): number {
    return this.auto?.heldCount ?? 0;
  }

  /**
   * The latest journal entries (at most RECENT_ENTRIES), including lines still
   * held by auto-detection: what a settings preview should try a layout on.
   */
  recentEntries(count: number): JournalEntry[] {
    return this.recent.slice(-count);
  }

  /** Opens the journal and re-parses everything already in it (same ids as before); loads it all, see `open`. */
  start(): LoggedLine[] {
    this.options.journal.openIndexed();
    return [...this.replay()];
  }

  /** Every line already in the journal, parsed as when it was live; streamed from disk. */
  *replay(): Generator<LoggedLine> {
    for (const entry of this.options.journal.replay()) yield* this.parse(entry);
  }

  /**
   * Opens the journal without re-parsing it: the link ends in the state a full
   * replay would leave (what is released, what is held, the detected format),
   * but a fixed format reads no entry at all and `auto` reads only until it
   * detects; the lines themselves are read back on demand (`releasedFrom`,
   * `byId`). Returns the number of journal entries.
   */
  open(): number {
    const journal = this.options.journal;
    const count = journal.openIndexed();
    let consumed = 0;
    if (this.auto !== null) {
      for (const entry of journal.replay()) {
        if (this.auto.format !== null) break;
        this.parse(entry);
        consumed += 1;
      }
    }
    // Past detection (or with a fixed format) every entry is released as it comes.
    this.releasedCount += count - consumed;
    this.recent = [];
    for (const entry of journal.replay(Math.max(0, count - RECENT_ENTRIES))) this.recent.push(entry);
    return count;
  }

  /** The newest journal entry, read from disk, or null for an empty journal. */
  lastEntry(): JournalEntry | null {
    return this.options.journal.entryAt(this.options.journal.count - 1);
  }

  /** Journal lines released so far (the rest are held by auto-detection). */
  get released(): number {
    return this.releasedCount;
  }

  /** Position of the first journal entry with `seq > afterSeq`. */
  positionAfterSeq(afterSeq: number): number {
    return this.options.journal.positionAfterSeq(afterSeq);
  }

  /**
   * Released lines from journal position `from`, at most `limit`, read back from
   * disk and parsed exactly as they were when released (same format, same
   * undetected prefix), so nothing but the index stays in memory.
   */
  *releasedFrom(from: number, limit: number): Generator<LoggedLine> {
    const end = Math.min(from + limit, this.releasedCount);
    let position = from;
    if (position >= end) return;
    for (const entry of this.options.journal.replay(from)) {
      yield this.parseWith(entry, position < this.undetectedCount ? null : this.format);
      position += 1;
      if (position >= end) return;
    }
  }

  /** One released line by its journal id, read from disk; null if unknown or still held. */
  byId(id: string): LoggedLine | null {
    const found = this.options.journal.entryById(id);
    if (found === null || found.position >= this.releasedCount) return null;
    return this.parseWith(found.entry, found.position < this.undetectedCount ? null : this.format);
  }

  /** Feeds one chunk from the port or socket. */
  receive(chunk: Uint8Array): LoggedLine[] {
    return this.framer.push(chunk).flatMap((line) => this.parse(this.options.journal.append(line.bytes)));
  }

  /** The transport closed: a partial line is journaled rather than lost. */
  end(): LoggedLine[] {
    return this.framer.flush().flatMap((line) => this.parse(this.options.journal.append(line.bytes)));
  }

  close(): void {
    this.options.journal.close();
  }

  private parse(entry: JournalEntry): LoggedLine[] {
    this.recent.push(entry);
    // Trimmed in steps, not per line, so remembering stays O(1) amortized.
    if (this.recent.length > 2 * RECENT_ENTRIES) this.recent = this.recent.slice(-RECENT_ENTRIES);
    if (this.auto === null) {
      this.releasedCount += 1;
      return [this.parseWith(entry, this.format)];
    }
    const { format, entries } = this.auto.offer(entry);
    this.releasedCount += entries.length;
    if (format === null) this.undetectedCount += entries.length;
    return entries.map((e) => this.parseWith(e, format));
  }

  private parseWith(entry: JournalEntry, format: SmdrFormat | null): LoggedLine {
    if (format === null) {
      const raw = decodeLine(entry.bytes, this.options.charset ?? 'latin1');
      const parsed: ParsedLine = raw.trim() === '' ? { kind: 'blank', raw } : { kind: 'unrecognized', raw, reason: UNDETECTED_REASON };
      return { entry, parsed };
    }
    const ctx: ParseContext = { dateOrder: this.options.dateOrder, receivedAt: entry.receivedAt };
    return { entry, parsed: parseSmdrLine(entry, format, ctx, this.options.charset) };
  }
}
