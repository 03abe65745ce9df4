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
  format: SmdrFormat;
  dateOrder: ParseContext['dateOrder'];
  /** Site override of the format's charset (e.g. GBK names on a Panasonic). */
  charset?: SmdrCharset;
  framer?: LineFramerOptions;
}

/**
 * The transport-free core of a PBX link: bytes in, journaled and parsed lines
 * out. Order per line is fixed: frame → append + fsync → parse, so a line is
 * durable before anyone sees it, and a crash between append and parse is
 * repaired by the replay in `start`.
 */
export class SmdrLink {
  private readonly framer: LineFramer;

  constructor(private readonly options: SmdrLinkOptions) {
    this.framer = new LineFramer(options.framer);
  }

  /** Opens the journal and re-parses everything already in it (same ids as before). */
  start(): LoggedLine[] {
    return this.options.journal.open().map((entry) => this.parse(entry));
  }

  /** Feeds one chunk from the port or socket. */
  receive(chunk: Uint8Array): LoggedLine[] {
    return this.framer.push(chunk).map((line) => this.parse(this.options.journal.append(line.bytes)));
  }

  /** The transport closed: a partial line is journaled rather than lost. */
  end(): LoggedLine[] {
    return this.framer.flush().map((line) => this.parse(this.options.journal.append(line.bytes)));
  }

  close(): void {
    this.options.journal.close();
  }

  private parse(entry: JournalEntry): LoggedLine {
    const ctx: ParseContext = { dateOrder: this.options.dateOrder, receivedAt: entry.receivedAt };
    return { entry, parsed: parseSmdrLine(entry, this.options.format, ctx, this.options.charset) };
  }
}
