/**
 * Turns the byte chunks a serial port or socket delivers into complete lines.
 *
 * Invariants:
 * - Every byte that is not a terminator or a control byte ends up in exactly one
 *   emitted line, in order; nothing is buffered forever (`maxLineBytes`).
 * - CR, LF and CR LF each end one line, even when CR and LF arrive in different
 *   chunks (Panasonic "NL code" may be CR only; Avaya sends CR LF).
 * - Form feed starts a new page: it ends a pending line but does not itself
 *   produce an empty line. Other control bytes (NUL, STX/ETX, XON/XOFF, DEL…)
 *   are noise: removed from the line and counted in `noiseBytes`.
 * - Bytes 0x80–0xFF are kept untouched so each format can decode them with its
 *   own charset (ISO-8859-1, GBK, UTF-8).
 */

/** `cr` also covers CR LF: the LF after a CR is part of the same terminator. */
export type LineEnd = 'cr' | 'lf' | 'ff' | 'overlong' | 'eof';

export interface FramedLine {
  /** The line's content bytes: no terminator, no control bytes. */
  bytes: Buffer;
  /** Why the line ended. `overlong` lines were cut at `maxLineBytes`. */
  end: LineEnd;
  /** Control bytes removed from this line. */
  noiseBytes: number;
}

export interface LineFramerOptions {
  /** A run longer than this is emitted as a line rather than buffered (default 1024). */
  maxLineBytes?: number;
}

const CR = 0x0d;
const LF = 0x0a;
const FF = 0x0c;
const TAB = 0x09;

function isNoise(b: number): boolean {
  return (b < 0x20 && b !== TAB) || b === 0x7f;
}

export class LineFramer {
  private readonly max: number;
  private buf: Buffer;
  private len = 0;
  private noise = 0;
  /** A CR ended the last line; an LF arriving next belongs to it (CR LF split across chunks). */
  private afterCr = false;

  constructor(options: LineFramerOptions = {}) {
    this.max = Math.max(1, options.maxLineBytes ?? 1024);
    this.buf = Buffer.alloc(this.max);
  }

  /** Feeds one chunk; returns the lines it completed. */
  push(chunk: Uint8Array): FramedLine[] {
    const out: FramedLine[] = [];
    for (const b of chunk) {
      if (this.afterCr) {
        this.afterCr = false;
        if (b === LF) continue;
      }
      if (b === CR) {
        out.push(this.take('cr'));
        this.afterCr = true;
      } else if (b === LF) {
        out.push(this.take('lf'));
      } else if (b === FF) {
        // A page break on an empty line carries no content, so it makes no line.
        if (this.len > 0) out.push(this.take('ff'));
      } else if (isNoise(b)) {
        this.noise += 1;
      } else {
        this.buf[this.len++] = b;
        if (this.len >= this.max) out.push(this.take('overlong'));
      }
    }
    return out;
  }

  /** Ends the stream: a pending partial line is emitted, never lost. */
  flush(): FramedLine[] {
    this.afterCr = false;
    return this.len > 0 || this.noise > 0 ? [this.take('eof')] : [];
  }

  private take(end: LineEnd): FramedLine {
    const line: FramedLine = { bytes: Buffer.from(this.buf.subarray(0, this.len)), end, noiseBytes: this.noise };
    this.len = 0;
    this.noise = 0;
    return line;
  }
}
