import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { panasonic } from '../../../hardware/pbx/formats/panasonic';
import { INDEX_HEADER_BYTES, INDEX_RECORD_BYTES } from '../../../hardware/pbx/journal-index';
import { recordId, SmdrJournal } from '../../../hardware/pbx/journal';
import { SmdrLink } from '../../../hardware/pbx/smdr-link';

const LINES = 200_000;
const AT = '2024-06-01T04:00:00.000Z';

/** The line a generated entry carries: a Panasonic call whose number encodes its seq. */
const callLine = (seq: number): string => `06/01/24 10:00AM 1200  01 <I>${String(13800000000 + seq)}             0'05 00:01'05`;

/**
 * Writes a journal of `count` entries directly in the journal's NDJSON format
 * (an fsync per append would make 200,000 lines a test of the disk), returning
 * each entry's byte offset.
 */
function writeJournal(path: string, count: number, pbx = 'pbx-1'): number[] {
  const offsets: number[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (let seq = 1; seq <= count; seq++) {
    const text = `${JSON.stringify({ seq, at: AT, pbx, b64: Buffer.from(callLine(seq), 'latin1').toString('base64') })}\n`;
    offsets.push(offset);
    parts.push(text);
    offset += Buffer.byteLength(text);
  }
  writeFileSync(path, parts.join(''));
  return offsets;
}

function replayIds(path: string): { ids: string[]; seqs: number[]; journal: SmdrJournal } {
  const journal = new SmdrJournal(path, 'pbx-1');
  journal.openIndexed();
  const ids: string[] = [];
  const seqs: number[] = [];
  for (const e of journal.replay()) {
    ids.push(e.id);
    seqs.push(e.seq);
  }
  return { ids, seqs, journal };
}

describe('SmdrJournal offset index (issue 4: a large journal is streamed, not loaded; R-C2)', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smdr-journal-index-'));
    path = join(dir, 'pbx.ndjson');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('R-C2: a 200,000-line journal replays each id once, in order, with the ids of its offsets; a reopen uses the index and agrees', () => {
    const offsets = writeJournal(path, LINES);
    const first = replayIds(path);
    first.journal.close();
    expect(first.ids).toHaveLength(LINES);
    expect(new Set(first.ids).size).toBe(LINES);
    expect(first.ids[0]).toBe(recordId('pbx-1', offsets[0]!));
    expect(first.ids[LINES - 1]).toBe(recordId('pbx-1', offsets[LINES - 1]!));
    expect(first.seqs.every((s, i) => s === i + 1)).toBe(true);
    // The index was written as the journal was scanned: one record per entry.
    expect(statSync(`${path}.idx`).size).toBe(INDEX_HEADER_BYTES + LINES * INDEX_RECORD_BYTES);

    const second = replayIds(path);
    expect(second.ids).toEqual(first.ids);
    // Streaming from the middle: the position after a seq, and the entries from there.
    const mid = second.journal.positionAfterSeq(150_000);
    expect(mid).toBe(150_000);
    const next = second.journal.replay(mid).next();
    expect(next.done).toBe(false);
    expect(next.value).toMatchObject({ seq: 150_001, id: first.ids[150_000] });
    expect(Buffer.from(next.value!.bytes).toString('latin1')).toBe(callLine(150_001));
    second.journal.close();
  }, 60_000);

  it('R-C2: a call is fetched by its id from disk; an unknown id gives null', () => {
    writeJournal(path, 5000);
    const link = new SmdrLink({ journal: new SmdrJournal(path, 'pbx-1'), format: panasonic, dateOrder: 'mdy' });
    link.open();
    let count = 0;
    for (const line of link.replay()) count += line.parsed.kind === 'call' ? 1 : 0;
    expect(count).toBe(5000);
    const id = recordId('pbx-1', readFileSync(path, 'utf8').split('\n').slice(0, 4321).join('\n').length + 1);
    const got = link.byId(id);
    expect(got?.entry.seq).toBe(4322);
    expect(got?.parsed).toMatchObject({ kind: 'call', record: { id, number: String(13800000000 + 4322), durationSec: 65 } });
    expect(link.byId('0'.repeat(20))).toBeNull();
    expect(link.byId('not an id')).toBeNull();
    // Paging as the console does: the seq after 4990, at most 3.
    const page = [...link.releasedFrom(link.positionAfterSeq(4990), 3)].map((l) => l.entry.seq);
    expect(page).toEqual([4991, 4992, 4993]);
    link.close();
  });

  it('R-C2: a crash in the middle of an append (truncated last line) is kept once, sealed, and the sequence goes on', () => {
    writeJournal(path, 1000);
    const before = replayIds(path);
    before.journal.close();
    // The crash: half an entry reached the journal, its index record never did.
    appendFileSync(path, '{"seq":1001,"at":"2024-06-01T04:00:01.000Z","pbx":"pbx-1","b64":"MDYv');
    const j = new SmdrJournal(path, 'pbx-1');
    expect(j.openIndexed()).toBe(1001);
    const all = [...j.replay()];
    expect(all.at(-1)).toMatchObject({ seq: 1001, damaged: true });
    expect(readFileSync(path).at(-1)).toBe(0x0a);
    const appended = j.append(Buffer.from(callLine(1002), 'latin1'));
    j.close();
    expect(appended.seq).toBe(1002);

    const after = replayIds(path);
    after.journal.close();
    expect(after.ids).toHaveLength(1002);
    expect(new Set(after.ids).size).toBe(1002);
    expect(after.ids.slice(0, 1000)).toEqual(before.ids);
    expect(after.ids[1000]).toBe(all.at(-1)!.id);
    expect(after.ids[1001]).toBe(appended.id);
    expect(after.seqs.slice(-3)).toEqual([1000, 1001, 1002]);
  });

  it('R-C2: appends whose index records were lost (crash after the journal fsync), a torn index record and a garbled index are all recovered from the journal', () => {
    const j = new SmdrJournal(path, 'pbx-1');
    j.openIndexed();
    const ids = Array.from({ length: 50 }, (_, i) => j.append(Buffer.from(callLine(i + 1), 'latin1')).id);
    j.close();
    const idx = `${path}.idx`;

    truncateSync(idx, INDEX_HEADER_BYTES + 40 * INDEX_RECORD_BYTES + 7);
    const torn = replayIds(path);
    torn.journal.close();
    expect(torn.ids).toEqual(ids);
    expect(statSync(idx).size).toBe(INDEX_HEADER_BYTES + 50 * INDEX_RECORD_BYTES);

    // A record in the middle overwritten with zeros (offsets no longer increase).
    const bytes = readFileSync(idx);
    bytes.fill(0, INDEX_HEADER_BYTES + 10 * INDEX_RECORD_BYTES, INDEX_HEADER_BYTES + 11 * INDEX_RECORD_BYTES);
    writeFileSync(idx, bytes);
    const garbled = replayIds(path);
    expect(garbled.ids).toEqual(ids);
    expect(garbled.seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const next = garbled.journal.append(Buffer.from('x'));
    garbled.journal.close();
    expect(next.seq).toBe(51);

    // A plausible record that is not where a line starts (an index of another journal) is caught by checking it on disk.
    const stray = Buffer.alloc(INDEX_RECORD_BYTES);
    stray.writeDoubleLE(5, 0);
    stray.writeDoubleLE(1, 8);
    writeFileSync(idx, Buffer.concat([readFileSync(idx).subarray(0, INDEX_HEADER_BYTES), stray]));
    const foreign = replayIds(path);
    foreign.journal.close();
    expect(foreign.ids).toEqual([...ids, next.id]);
  });
});
