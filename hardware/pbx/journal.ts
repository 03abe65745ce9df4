import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { SmdrError } from './errors';

/**
 * The raw SMDR journal: every framed line is appended and fsynced here before
 * anything else happens to it, so a crash after that point loses nothing.
 *
 * File format: NDJSON, one entry per line,
 * `{"seq":n,"at":"<ISO receive time>","pbx":"<pbxId>","b64":"<line bytes>"}`.
 * Base64 keeps the bytes exact whatever charset the PBX uses.
 *
 * Invariants:
 * - Append-only; an entry's byte offset never changes, so `id` — a hash of
 *   pbxId and offset — is stable across restarts and replays.
 * - A last line cut by a crash is kept (as a damaged entry whose bytes are the
 *   journal text itself, which parses as unrecognized) and sealed with a
 *   newline so later appends cannot glue onto it. It takes the sequence number
 *   after the entry before it, so sequences stay strictly increasing and a
 *   reader catching up "after seq n" sees it exactly once.
 */
export interface JournalEntry {
  id: string;
  seq: number;
  /** Byte offset of the entry in the journal file. */
  offset: number;
  receivedAt: Date;
  pbxId: string;
  bytes: Buffer;
  /** True for a journal line that was not a complete entry (crash mid-write). */
  damaged: boolean;
}

interface StoredEntry {
  seq: number;
  at: string;
  pbx: string;
  b64: string;
}

function isStoredEntry(v: unknown): v is StoredEntry {
  if (typeof v !== 'object' || v === null) return false;
  const o: Record<string, unknown> = { ...v };
  return typeof o['seq'] === 'number' && typeof o['at'] === 'string' && typeof o['pbx'] === 'string' && typeof o['b64'] === 'string';
}

/** Stable record id: 20 hex digits of sha256(pbxId NUL offset). */
export function recordId(pbxId: string, offset: number): string {
  return createHash('sha256').update(`${pbxId}\0${offset}`).digest('hex').slice(0, 20);
}

export class SmdrJournal {
  private fd: number | null = null;
  private size = 0;
  private nextSeq = 1;
  private endsWithNewline = true;

  constructor(
    readonly path: string,
    readonly pbxId: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Opens the journal and returns every entry already in it, in order.
   * Call once before `append`.
   */
  open(): JournalEntry[] {
    const entries = existsSync(this.path) ? this.readAll() : [];
    try {
      this.fd = openSync(this.path, 'a');
      if (this.size > 0 && !this.endsWithNewline) {
        writeSync(this.fd, '\n');
        fsyncSync(this.fd);
        this.size += 1;
      }
    } catch (cause) {
      throw new SmdrError('smdr.journalIo', `Cannot open SMDR journal ${this.path}`, { cause });
    }
    for (const e of entries) this.nextSeq = Math.max(this.nextSeq, e.seq + 1);
    return entries;
  }

  /** Appends one line's bytes and fsyncs before returning. */
  append(bytes: Uint8Array): JournalEntry {
    if (this.fd === null) throw new SmdrError('smdr.journalIo', 'SMDR journal is not open');
    const receivedAt = this.clock();
    const seq = this.nextSeq;
    const stored: StoredEntry = { seq, at: receivedAt.toISOString(), pbx: this.pbxId, b64: Buffer.from(bytes).toString('base64') };
    const text = `${JSON.stringify(stored)}\n`;
    const offset = this.size;
    try {
      writeSync(this.fd, text);
      fsyncSync(this.fd);
    } catch (cause) {
      throw new SmdrError('smdr.journalIo', `Cannot append to SMDR journal ${this.path}`, { cause });
    }
    this.size += Buffer.byteLength(text);
    this.nextSeq += 1;
    return { id: recordId(this.pbxId, offset), seq, offset, receivedAt, pbxId: this.pbxId, bytes: Buffer.from(bytes), damaged: false };
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private readAll(): JournalEntry[] {
    let data: Buffer;
    try {
      data = readFileSync(this.path);
    } catch (cause) {
      throw new SmdrError('smdr.journalIo', `Cannot read SMDR journal ${this.path}`, { cause });
    }
    this.size = data.length;
    this.endsWithNewline = data.length === 0 || data.at(-1) === 0x0a;
    const out: JournalEntry[] = [];
    let offset = 0;
    let lastSeq = 0;
    while (offset < data.length) {
      const nl = data.indexOf(0x0a, offset);
      const end = nl === -1 ? data.length : nl;
      const raw = data.subarray(offset, end);
      if (raw.length > 0) {
        const entry = this.entryOf(raw, offset, lastSeq + 1);
        lastSeq = entry.seq;
        out.push(entry);
      }
      offset = end + 1;
    }
    return out;
  }

  private entryOf(raw: Buffer, offset: number, damagedSeq: number): JournalEntry {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      parsed = null;
    }
    const id = recordId(this.pbxId, offset);
    if (isStoredEntry(parsed)) {
      const at = new Date(parsed.at);
      return { id, seq: parsed.seq, offset, receivedAt: at, pbxId: parsed.pbx, bytes: Buffer.from(parsed.b64, 'base64'), damaged: false };
    }
    // Kept, not dropped: its text goes on as a line nothing will recognize.
    return { id, seq: damagedSeq, offset, receivedAt: this.clock(), pbxId: this.pbxId, bytes: Buffer.from(raw), damaged: true };
  }
}
