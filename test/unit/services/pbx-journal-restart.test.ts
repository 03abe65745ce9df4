import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalPathFor } from '../../../electron/services/pbx/pbx-service';
import type { PbxService } from '../../../electron/services/pbx/pbx-service';
import { DEFAULT_PBX_SETTINGS, savePbxSettings } from '../../../electron/services/pbx/pbx-settings-file';
import { recordId, SmdrJournal } from '../../../hardware/pbx/journal';
import { SmdrLink } from '../../../hardware/pbx/smdr-link';
import { EventLog, testService } from '../pbx/service-harness';

const LINES = 70_000;
const GARBAGE = '#~@ SMDR BUF OVF ~~';
const lineOf = (i: number): string =>
  i === 0 ? '  Date     Time    Ext   CO   Dial Number' : i % 1000 === 999 ? GARBAGE : `06/01/24 10:00AM 1200  01 <I>${String(13800000000 + i)}             0'05 00:01'05`;

/** The journal's NDJSON written directly (an fsync per line would make this a disk test); returns offsets. */
function writeJournal(path: string): number[] {
  const offsets: number[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (let i = 0; i < LINES; i++) {
    const text = `${JSON.stringify({ seq: i + 1, at: '2024-06-01T04:00:00.000Z', pbx: 'pbx-1', b64: Buffer.from(lineOf(i), 'latin1').toString('base64') })}\n`;
    offsets.push(offset);
    parts.push(text);
    offset += Buffer.byteLength(text);
  }
  writeFileSync(path, parts.join(''));
  return offsets;
}

describe('PBX service restart over a large journal (issue 4, R-C2, R-O3)', () => {
  let dir = '';
  let service: PbxService | null = null;
  afterEach(async () => {
    await service?.stop();
    service = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('R-C2: opens without re-parsing the journal, pages and fetches calls from disk exactly as a full replay parses them; the unrecognized count catches up', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pbx-restart-'));
    await savePbxSettings(dir, { ...DEFAULT_PBX_SETTINGS, source: 'off', format: 'auto' });
    const offsets = writeJournal(journalPathFor(dir, 'pbx-1'));
    const events = new EventLog();
    ({ service } = testService(dir, events));
    await service.start();

    // 70 garbage lines; past the inline count the rest is counted in the background.
    await events.until(() => service!.getStatus().unrecognizedCount === LINES / 1000, 'unrecognized count', 30_000);
    expect(service.getStatus().format).toBe('auto: panasonic');

    const full = new SmdrLink({ journal: new SmdrJournal(journalPathFor(dir, 'pbx-1'), 'pbx-1'), format: 'auto', dateOrder: 'mdy' });
    const replayed = full.start();
    full.close();
    const first = service.since(-1, 500);
    expect(first.hasMore).toBe(true);
    expect(first.entries.map((e) => e.id)).toEqual(offsets.slice(0, 500).map((o) => recordId('pbx-1', o)));
    expect(first.entries.map((e) => [e.kind, e.call?.number ?? null])).toEqual(replayed.slice(0, 500).map((l) => [l.parsed.kind, l.parsed.kind === 'call' ? l.parsed.record.number : null]));
    const tail = service.since(LINES - 10, 100);
    expect(tail.hasMore).toBe(false);
    expect(tail.entries.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => LINES - 9 + i));
    expect(tail.entries.at(-1)?.kind).toBe('unrecognized');

    const one = service.entry(recordId('pbx-1', offsets[65_432]!));
    expect(one).toMatchObject({ seq: 65_433, kind: 'call', call: { number: String(13800000000 + 65_432), durationSec: 65, ringSec: 5 } });
    expect(service.entry('f'.repeat(20))).toBeNull();
  }, 60_000);
});
