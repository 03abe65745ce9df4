import { createHash } from 'node:crypto';
import { closeSync, existsSync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { idPrefixOf, indexHeader, indexRecord, INDEX_HEADER_BYTES, INDEX_RECORD_BYTES, OffsetIndex } from './journal-index';
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
 * - The journal is never loaded whole: an offset index (journal-index.ts, kept
 *   in `<path>.idx`) locates every entry, `replay` streams entries from disk in
 *   chunks, and `entryById` reads one line. Opening loads the index, checks its
 *   last record against the journal and scans only the journal's tail past it,
 *   so restart cost does not grow with the journal (a missing or damaged index
 *   is rebuilt by one streaming scan).
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

/** Bytes read per disk read while streaming; entries are never split across reads. */
const READ_CHUNK = 1 << 20;

export class SmdrJournal {
  private fd: number | null = null;
  private indexFd: number | null = null;
  private size = 0;
  private nextSeq = 1;
  private readonly index = new OffsetIndex();

  constructor(
    readonly path: string,
    readonly pbxId: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get indexPath(): string {
    return `${this.path}.idx`;
  }

  /** Entries in the journal. */
  get count(): number {
    return this.index.count;
  }

  /**
   * Opens the journal and returns every entry already in it, in order. Loads
   * them all: for small journals and tests; the service uses `openIndexed`
   * and `replay`, which stream.
   */
  open(): JournalEntry[] {
    this.openIndexed();
    return [...this.replay()];
  }

  /**
   * Opens the journal and brings its index up to date without reading the
   * entries; returns the entry count. Call once before `append`.
   */
  openIndexed(): number {
    try {
      const created = !existsSync(this.path);
      this.fd = openSync(this.path, 'a+');
      // A new file's directory entry is durable only once its folder is synced: without it an
      // fdatasynced line could still vanish with the whole file after a power cut.
      if (created) syncFolder(dirname(this.path));
      this.size = fstatSync(this.fd).size;
      this.loadIndex();
      if (this.size > 0 && this.byteAt(this.size - 1) !== 0x0a) {
        // Sealed so later appends cannot glue onto a line cut by a crash.
        writeSync(this.fd, '\n');
        fsyncSync(this.fd);
        this.size += 1;
      }
    } catch (cause) {
      if (cause instanceof SmdrError) throw cause;
      throw new SmdrError('smdr.journalIo', `Cannot open SMDR journal ${this.path}`, { cause });
    }
    this.nextSeq = this.index.count === 0 ? 1 : this.index.seqAt(this.index.count - 1) + 1;
    return this.index.count;
  }

  /** Appends one line's bytes and fsyncs before returning; the index record follows, unsynced. */
  append(bytes: Uint8Array): JournalEntry {
    if (this.fd === null) throw new SmdrError('smdr.journalIo', 'SMDR journal is not open');
    const receivedAt = this.clock();
    const seq = this.nextSeq;
    const stored: StoredEntry = { seq, at: receivedAt.toISOString(), pbx: this.pbxId, b64: Buffer.from(bytes).toString('base64') };
    const text = `${JSON.stringify(stored)}\n`;
    const offset = this.size;
    try {
      writeSync(this.fd, text);
      // fdatasync: the data and the new file size reach the disk (all a reader needs), without
      // the inode's times — one less write per line on the path to the console.
      fdatasyncSync(this.fd);
    } catch (cause) {
      throw new SmdrError('smdr.journalIo', `Cannot append to SMDR journal ${this.path}`, { cause });
    }
    this.size += Buffer.byteLength(text);
    this.nextSeq += 1;
    const id = recordId(this.pbxId, offset);
    this.addToIndex(offset, seq, id);
    return { id, seq, offset, receivedAt, pbxId: this.pbxId, bytes: Buffer.from(bytes), damaged: false };
  }

  /** Entries from position `from` (0-based, journal order) to the end, read from disk in chunks. */
  *replay(from = 0): Generator<JournalEntry> {
    let i = Math.max(0, from);
    while (i < this.index.count) {
      const start = this.index.offsetAt(i);
      let j = i + 1;
      while (j < this.index.count && this.index.offsetAt(j) - start < READ_CHUNK) j++;
      const end = j < this.index.count ? this.index.offsetAt(j) : this.size;
      const chunk = this.read(start, end - start);
      for (let k = i; k < j; k++) {
        const from = this.index.offsetAt(k) - start;
        const to = k + 1 < j ? this.index.offsetAt(k + 1) - start : chunk.length;
        yield this.entryOf(lineIn(chunk, from, to), this.index.offsetAt(k), this.index.seqAt(k));
      }
      i = j;
    }
  }

  /** Position of the first entry with `seq > afterSeq`. */
  positionAfterSeq(afterSeq: number): number {
    return this.index.firstAfterSeq(afterSeq);
  }

  /** The entry at a position, read from disk. */
  entryAt(position: number): JournalEntry | null {
    if (position < 0 || position >= this.index.count) return null;
    const start = this.index.offsetAt(position);
    const end = position + 1 < this.index.count ? this.index.offsetAt(position + 1) : this.size;
    const chunk = this.read(start, end - start);
    return this.entryOf(lineIn(chunk, 0, chunk.length), start, this.index.seqAt(position));
  }

  /** One entry by its stable id, read from disk (the index holds a prefix of every id), or null. */
  entryById(id: string): { position: number; entry: JournalEntry } | null {
    if (!/^[0-9a-f]{20}$/.test(id)) return null;
    for (const position of this.index.positionsWithPrefix(idPrefixOf(id))) {
      if (recordId(this.pbxId, this.index.offsetAt(position)) !== id) continue;
      const entry = this.entryAt(position);
      return entry === null ? null : { position, entry };
    }
    return null;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.indexFd !== null) closeSync(this.indexFd);
    this.fd = null;
    this.indexFd = null;
  }

  /**
   * Loads `<path>.idx` if it belongs to this journal and PBX, trusts its records
   * only up to one whose entry it can confirm on disk, and indexes the journal
   * past that point by a streaming scan (appends that beat the index to disk
   * before a crash, or everything when the index is missing or damaged).
   */
  private loadIndex(): void {
    const header = indexHeader(this.pbxId);
    let file: Buffer;
    try {
      file = readFileSync(this.indexPath);
    } catch {
      file = Buffer.alloc(0);
    }
    let usable = this.index.load(file, header, this.size);
    // The last trusted record must start a journal line holding that entry. A few
    // stray records (written past a crash) are dropped one by one; more than that
    // means the index is not this journal's, and it is rebuilt.
    let misses = 0;
    while (usable > 0 && !this.confirms(usable - 1)) {
      usable -= 1;
      if (++misses > 8) usable = 0;
    }
    this.index.truncate(usable);
    this.indexFd = openSync(this.indexPath, usable === 0 ? 'w+' : 'r+');
    if (usable === 0) writeSync(this.indexFd, header, 0, header.length, 0);
    else ftruncateSync(this.indexFd, INDEX_HEADER_BYTES + usable * INDEX_RECORD_BYTES);
    const scanFrom = usable === 0 ? 0 : this.endOfLineAt(this.index.offsetAt(usable - 1));
    this.scan(scanFrom, usable === 0 ? 0 : this.index.seqAt(usable - 1));
  }

  /** True when index record `i` points at the start of a non-empty journal line with that entry's seq. */
  private confirms(i: number): boolean {
    const offset = this.index.offsetAt(i);
    if (offset > 0 && this.byteAt(offset - 1) !== 0x0a) return false;
    const end = this.endOfLineAt(offset);
    const raw = lineIn(this.read(offset, end - offset), 0, end - offset);
    if (raw.length === 0) return false;
    const stored = storedEntryOf(raw);
    // A damaged line has no seq of its own; its index seq is the only record of it.
    return stored === null || stored.seq === this.index.seqAt(i);
  }

  /** Offset just past the line starting at `offset` (its newline included, or the file end). */
  private endOfLineAt(offset: number): number {
    let at = offset;
    while (at < this.size) {
      const chunk = this.read(at, Math.min(64 * 1024, this.size - at));
      const nl = chunk.indexOf(0x0a);
      if (nl !== -1) return at + nl + 1;
      at += chunk.length;
    }
    return this.size;
  }

  /** Indexes every non-empty line from `from` to the end, streaming; `lastSeq` is the seq before it. */
  private scan(from: number, lastSeq: number): void {
    let at = from;
    let seq = lastSeq;
    let carry = Buffer.alloc(0);
    let carryAt = at;
    while (at < this.size) {
      const chunk = this.read(at, Math.min(READ_CHUNK, this.size - at));
      const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      let lineStart = 0;
      for (let nl = data.indexOf(0x0a); nl !== -1; nl = data.indexOf(0x0a, lineStart)) {
        if (nl > lineStart) seq = this.indexLine(data.subarray(lineStart, nl), carryAt + lineStart, seq);
        lineStart = nl + 1;
      }
      carry = Buffer.from(data.subarray(lineStart));
      carryAt += lineStart;
      at += chunk.length;
    }
    // A last line without its newline: cut by a crash, kept as a damaged entry.
    if (carry.length > 0) this.indexLine(carry, carryAt, seq);
  }

  private indexLine(raw: Buffer, offset: number, lastSeq: number): number {
    const stored = storedEntryOf(raw);
    const seq = stored !== null && stored.seq > lastSeq ? stored.seq : lastSeq + 1;
    this.addToIndex(offset, seq, recordId(this.pbxId, offset));
    return seq;
  }

  private addToIndex(offset: number, seq: number, id: string): void {
    const prefix = idPrefixOf(id);
    this.index.push(offset, seq, prefix);
    if (this.indexFd === null) return;
    const rec = indexRecord(offset, seq, prefix);
    // Best effort: the index is rebuilt from the journal when it falls behind.
    try {
      writeSync(this.indexFd, rec, 0, rec.length, INDEX_HEADER_BYTES + (this.index.count - 1) * INDEX_RECORD_BYTES);
    } catch {
      closeSync(this.indexFd);
      this.indexFd = null;
    }
  }

  private byteAt(offset: number): number {
    return this.read(offset, 1)[0] ?? -1;
  }

  private read(offset: number, length: number): Buffer {
    if (this.fd === null) throw new SmdrError('smdr.journalIo', 'SMDR journal is not open');
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    try {
      while (got < length) {
        const n = readSync(this.fd, buf, got, length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
    } catch (cause) {
      throw new SmdrError('smdr.journalIo', `Cannot read SMDR journal ${this.path}`, { cause });
    }
    return buf.subarray(0, got);
  }

  private entryOf(raw: Buffer, offset: number, seq: number): JournalEntry {
    const id = recordId(this.pbxId, offset);
    const stored = storedEntryOf(raw);
    if (stored !== null) {
      return { id, seq, offset, receivedAt: new Date(stored.at), pbxId: stored.pbx, bytes: Buffer.from(stored.b64, 'base64'), damaged: false };
    }
    // Kept, not dropped: its text goes on as a line nothing will recognize.
    return { id, seq, offset, receivedAt: this.clock(), pbxId: this.pbxId, bytes: Buffer.from(raw), damaged: true };
  }
}

function syncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The bytes of the line in `chunk[from, to)`, without its newline. */
function lineIn(chunk: Buffer, from: number, to: number): Buffer {
  const nl = chunk.indexOf(0x0a, from);
  return chunk.subarray(from, nl === -1 || nl > to ? to : nl);
}

function storedEntryOf(raw: Buffer): StoredEntry | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
  return isStoredEntry(parsed) ? parsed : null;
}
