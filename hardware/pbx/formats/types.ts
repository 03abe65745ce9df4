import type { DateOrder, LineOutcome } from '../../../shared/domain/call';
import type { SmdrCharset } from '../decode';

/** Site settings and clock a parser needs beyond the line itself. */
export interface ParseContext {
  /** Order of day, month and year where the format leaves it to programming (Panasonic). */
  dateOrder: DateOrder;
  /**
   * When the line was received. Formats without a year (Mitel, NEC) take the
   * year from it, moved back one year if the record would lie in the future
   * (survives New Year's Eve; smdr.md §10).
   */
  receivedAt: Date;
}

/** One PBX family's record format. Parsers are pure and never throw. */
export interface SmdrFormat {
  /** The `--format` name. */
  readonly name: string;
  /** How this PBX encodes names. */
  readonly charset: SmdrCharset;
  /** Parses one decoded line (no terminator). */
  parse(line: string, ctx: ParseContext): LineOutcome;
  /** How likely the sample lines are this format, 0–1 (auto-detection). */
  detect(lines: readonly string[]): number;
}
