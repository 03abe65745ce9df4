import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SmdrJournal } from '../../../hardware/pbx/journal';
import { formatByName } from '../../../hardware/pbx/formats/index';
import { parseSmdrLine } from '../../../hardware/pbx/parse-line';
import { CTX } from './fixture';

const LINES = ["01/02/02 10:03AM 1200  01 <I>0123456789            0'05 00:01'05", '', '01/02/02 10:04AM 1234    LOG IN'];

describe('SmdrJournal (R-C1, R-C2)', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smdr-journal-'));
    path = join(dir, 'pbx.ndjson');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeLines(): string[] {
    const j = new SmdrJournal(path, 'pbx-1', () => new Date('2024-06-01T04:00:00Z'));
    expect(j.open()).toEqual([]);
    const ids = LINES.map((l) => j.append(Buffer.from(l, 'latin1')).id);
    j.close();
    return ids;
  }

  it('R-C2: every append is on disk at once, with sequence, receive time and exact bytes', () => {
    writeLines();
    const stored = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(stored.map((s) => s['seq'])).toEqual([1, 2, 3]);
    expect(stored[0]).toMatchObject({ at: '2024-06-01T04:00:00.000Z', pbx: 'pbx-1' });
    expect(Buffer.from(String(stored[0]!['b64']), 'base64').toString('latin1')).toBe(LINES[0]);
  });

  it('R-C2: replaying twice yields the same ids and no duplicates; appends after a restart continue the sequence', () => {
    const ids = writeLines();
    const first = new SmdrJournal(path, 'pbx-1');
    const a = first.open();
    first.close();
    const second = new SmdrJournal(path, 'pbx-1');
    const b = second.open();
    expect(a.map((e) => e.id)).toEqual(ids);
    expect(b.map((e) => e.id)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(b.map((e) => e.bytes.toString('latin1'))).toEqual(LINES);
    const next = second.append(Buffer.from('x'));
    second.close();
    expect(next.seq).toBe(4);
    expect(ids).not.toContain(next.id);
  });

  it('R-C2: ids depend on the PBX, so two PBXs never collide', () => {
    writeLines();
    const other = new SmdrJournal(path, 'pbx-2');
    const ids = other.open().map((e) => e.id);
    other.close();
    const mine = new SmdrJournal(path, 'pbx-1');
    expect(mine.open().map((e) => e.id)).not.toEqual(ids);
    mine.close();
  });

  it('R-C2: a crash-truncated last entry is kept as an unrecognized line, sealed, and later appends stay intact', () => {
    writeLines();
    appendFileSync(path, '{"seq":4,"at":"2024-06-01T04:00:01.000Z","pbx":"pbx-1","b64":"MDEv');
    const j = new SmdrJournal(path, 'pbx-1');
    const entries = j.open();
    expect(entries).toHaveLength(4);
    const damaged = entries[3]!;
    expect(damaged.damaged).toBe(true);
    const parsed = parseSmdrLine(damaged, formatByName('panasonic'), CTX);
    expect(parsed.kind).toBe('unrecognized');
    const after = j.append(Buffer.from('01/02/02 10:05AM 1234    LOG OUT', 'latin1'));
    j.close();
    const again = new SmdrJournal(path, 'pbx-1');
    const replay = again.open();
    again.close();
    expect(replay).toHaveLength(5);
    expect(replay[3]!.id).toBe(damaged.id);
    expect(damaged.seq).toBe(4);
    expect(replay[4]).toMatchObject({ id: after.id, damaged: false, seq: 5 });
    expect(replay[4]!.bytes.toString('latin1')).toBe('01/02/02 10:05AM 1234    LOG OUT');
  });
});
