import { createHash } from 'node:crypto';

/**
 * The journal's offset index: per entry its byte offset, sequence number and
 * the first 32 bits of its id, in growable typed arrays (20 bytes an entry, so
 * a million-line journal costs 20 MB here instead of its text and buffers).
 *
 * On disk (`<journal>.idx`) it is a 32-byte header — magic and a hash of the
 * PBX id the id prefixes were made with — then one 24-byte record per entry:
 * offset (f64 LE), seq (f64 LE), id prefix (u32 LE), padding (u32). The file is derived data:
 * written after the journal's fsync and never fsynced itself, because the
 * journal can always rebuild it (its tail, or all of it when it is damaged).
 */
export const INDEX_HEADER_BYTES = 32;
/** 8-byte aligned (a padding word at the end), so a load reads the file through typed-array views. */
export const INDEX_RECORD_BYTES = 24;
const MAGIC = Buffer.from('SMDRIX02', 'latin1');

export function indexHeader(pbxId: string): Buffer {
  const header = Buffer.alloc(INDEX_HEADER_BYTES);
  MAGIC.copy(header, 0);
  createHash('sha256').update(pbxId).digest().copy(header, MAGIC.length, 0, INDEX_HEADER_BYTES - MAGIC.length);
  return header;
}

export function indexRecord(offset: number, seq: number, idPrefix: number): Buffer {
  const rec = Buffer.alloc(INDEX_RECORD_BYTES);
  rec.writeDoubleLE(offset, 0);
  rec.writeDoubleLE(seq, 8);
  rec.writeUInt32LE(idPrefix, 16);
  rec.writeUInt32LE(0, 20);
  return rec;
}

/** The first 8 hex digits of an id as a number (ids are lowercase hex). */
export function idPrefixOf(id: string): number {
  return Number.parseInt(id.slice(0, 8), 16) >>> 0;
}

export class OffsetIndex {
  private offsets = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private prefixes = new Uint32Array(1024);
  private n = 0;

  get count(): number {
    return this.n;
  }

  offsetAt(i: number): number {
    return this.offsets[i]!;
  }

  seqAt(i: number): number {
    return this.seqs[i]!;
  }

  push(offset: number, seq: number, idPrefix: number): void {
    if (this.n === this.offsets.length) this.grow(this.n * 2);
    this.offsets[this.n] = offset;
    this.seqs[this.n] = seq;
    this.prefixes[this.n] = idPrefix;
    this.n += 1;
  }

  truncate(n: number): void {
    this.n = Math.min(this.n, n);
  }

  /** Position of the first entry with `seq > afterSeq`; seqs strictly increase. */
  firstAfterSeq(afterSeq: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Positions whose id prefix matches, newest first (the console mostly asks about recent calls). */
  *positionsWithPrefix(prefix: number): Generator<number> {
    for (let i = this.n - 1; i >= 0; i--) if (this.prefixes[i] === prefix) yield i;
  }

  /**
   * Loads the records of an index file made for `header`; returns how many were
   * usable (0 when the header differs). Records must strictly increase in offset
   * and seq and lie inside the journal; the first that does not ends the load,
   * so the journal scan rebuilds from there.
   */
  load(file: Buffer, header: Buffer, journalSize: number): number {
    this.n = 0;
    if (file.length < INDEX_HEADER_BYTES || !file.subarray(0, INDEX_HEADER_BYTES).equals(header)) return 0;
    const records = Math.floor((file.length - INDEX_HEADER_BYTES) / INDEX_RECORD_BYTES);
    this.grow(Math.max(1024, records));
    // Typed-array views need an 8-byte aligned start; a pooled Buffer may not have one. They read
    // in the machine's byte order: on a big-endian machine the checks below fail and it is rebuilt.
    const aligned = file.byteOffset % 8 === 0 ? file : Buffer.from(file);
    const f64 = new Float64Array(aligned.buffer, aligned.byteOffset + INDEX_HEADER_BYTES, records * 3);
    const u32 = new Uint32Array(aligned.buffer, aligned.byteOffset + INDEX_HEADER_BYTES, records * 6);
    let lastOffset = -1;
    let lastSeq = -Infinity;
    for (let i = 0; i < records; i++) {
      const offset = f64[i * 3]!;
      const seq = f64[i * 3 + 1]!;
      if (!Number.isInteger(offset) || offset <= lastOffset || offset >= journalSize || !(seq > lastSeq)) break;
      this.offsets[i] = offset;
      this.seqs[i] = seq;
      this.prefixes[i] = u32[i * 6 + 4]!;
      this.n = i + 1;
      lastOffset = offset;
      lastSeq = seq;
    }
    return this.n;
  }

  private grow(capacity: number): void {
    if (capacity <= this.offsets.length) return;
    const grow = <T extends Float64Array | Uint32Array>(old: T, next: T): T => {
      next.set(old.subarray(0, this.n));
      return next;
    };
    this.offsets = grow(this.offsets, new Float64Array(capacity));
    this.seqs = grow(this.seqs, new Float64Array(capacity));
    this.prefixes = grow(this.prefixes, new Uint32Array(capacity));
  }
}
