/**
 * Restart cost of a 1,000,000-line SMDR journal (issue 4): opening it with its
 * offset index (what a restart does) against opening it without one (the index
 * is rebuilt by one streaming scan: the baseline, and what the old journal did
 * on every start, plus holding every entry). Also streaming replay throughput
 * and one line fetched by id, with the process's heap and RSS growth, so it
 * shows the journal is not held in memory.
 * `SMDR_JOURNAL_LINES` changes the count.
 */
import { mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordId, SmdrJournal } from '../hardware/pbx/journal';
import { SmdrLink } from '../hardware/pbx/smdr-link';
import { panasonic } from '../hardware/pbx/formats/panasonic';
import { report } from './lib';

const LINES = Number(process.env.SMDR_JOURNAL_LINES ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'bench-smdr-journal-'));
const path = join(dir, 'journal.ndjson');

// Written directly in the journal's format: an fsync per line would measure the disk.
const offsets: number[] = [];
{
  const parts: string[] = [];
  let offset = 0;
  for (let i = 0; i < LINES; i++) {
    const line = `06/01/24 10:00AM 1200  01 <I>${String(13800000000 + i)}             0'05 00:01'05`;
    const text = `${JSON.stringify({ seq: i + 1, at: '2024-06-01T04:00:00.000Z', pbx: 'pbx-1', b64: Buffer.from(line, 'latin1').toString('base64') })}\n`;
    offsets.push(offset);
    parts.push(text);
    offset += text.length;
  }
  writeFileSync(path, parts.join(''));
}

/** Wall time and this process's CPU time (user + system): on a loaded machine the CPU time is the steadier figure. */
function timed<T>(work: () => T): { ms: number; cpuMs: number; value: T } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = work();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, value };
}

global.gc?.();
const mem0 = process.memoryUsage();
const cold = timed(() => {
  const j = new SmdrJournal(path, 'pbx-1');
  const n = j.openIndexed();
  j.close();
  return n;
});
const warm = timed(() => {
  const link = new SmdrLink({ journal: new SmdrJournal(path, 'pbx-1'), format: panasonic, dateOrder: 'mdy' });
  const n = link.open();
  return { link, n };
});
const memAfterOpen = process.memoryUsage();
const { link } = warm.value;
const replay = timed(() => {
  let calls = 0;
  for (const line of link.releasedFrom(0, LINES)) if (line.parsed.kind === 'call') calls += 1;
  return calls;
});
const byId = timed(() => link.byId(recordId('pbx-1', offsets[Math.floor(LINES * 0.9)]!)));
link.close();
if (cold.value !== LINES || warm.value.n !== LINES || replay.value !== LINES || byId.value === null) throw new Error('journal bench: wrong counts');
const fileMb = statSync(path).size / 1e6;
const indexMb = statSync(`${path}.idx`).size / 1e6;
unlinkSync(`${path}.idx`);
rmSync(dir, { recursive: true, force: true });

report('smdr-journal open (restart) with index', { lines: LINES, journal_mb: fileMb, index_mb: indexMb, open_ms: warm.ms, open_cpu_ms: warm.cpuMs, rebuild_cpu_ms: cold.cpuMs, heap_growth_mb: (memAfterOpen.heapUsed - mem0.heapUsed) / 1e6, array_buffers_growth_mb: (memAfterOpen.arrayBuffers - mem0.arrayBuffers) / 1e6 }, { name: 'rebuild_scan_cpu', value: cold.cpuMs, ours: warm.cpuMs });
report('smdr-journal streaming replay + parse', { lines: LINES, s: replay.ms / 1000, cpu_s: replay.cpuMs / 1000, lines_per_cpu_s: LINES / (replay.cpuMs / 1000), by_id_ms: byId.ms });
