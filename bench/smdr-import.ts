/**
 * A 1,000,000-line SMDR file imported end to end into the hub store (issue 4):
 * the file is read as a stream, framed, decoded and parsed (Panasonic), each
 * call becomes a `calls` row as the console stores it (unrecognized lines
 * become `smdrLines` rows, as the console keeps them), and the rows are pushed
 * as sync mutations in batches of MAX_PUSH_BATCH through the hub's real HTTP
 * push path into PGlite on disk. Prints the time, lines and rows per second,
 * and peak memory of this process (which also runs the hub and PGlite): peak
 * RSS and peak JS heap. The baseline is the same file read, framed and parsed
 * without pushing, so the ratio is what storing in the hub costs.
 *
 * `SMDR_IMPORT_LINES=20000 npx tsx bench/smdr-import.ts` for a quick run.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { startHub } from '../electron/hub/hub';
import { openPglite } from '../electron/hub/store-pglite';
import { panasonic } from '../hardware/pbx/formats/panasonic';
import { recordId } from '../hardware/pbx/journal';
import { LineFramer } from '../hardware/pbx/line-framer';
import { parseSmdrLine } from '../hardware/pbx/parse-line';
import { PbxSimulator } from '../hardware/sim/pbx-simulator';
import type { SmdrLine, StoredCall } from '../shared/domain/switchboard';
import { HybridClock } from '../shared/sync/hlc';
import { MAX_PUSH_BATCH, SYNC_SCHEMA_VERSION, SYNC_TABLES } from '../shared/sync/protocol';
import type { Mutation, PushResponse, SyncTable } from '../shared/sync/protocol';
import { report } from './lib';

const LINES = Number(process.env.SMDR_IMPORT_LINES ?? 1_000_000);
const PBX_ID = 'bench-pbx';

/** Simulated traffic (headers, blanks, noise and calls) over ~2 months, seeded. */
async function writeSmdrFile(path: string, lines: number): Promise<void> {
  let seed = 11;
  const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  let t = new Date(2026, 8, 1, 8).getTime();
  const sim = new PbxSimulator({ write: () => undefined, random, clock: () => new Date(t) });
  const out = createWriteStream(path);
  let written = 0;
  let buffer: string[] = [];
  while (written < lines) {
    t += 5000 + Math.floor(random() * 5000);
    for (const l of sim.nextLines()) {
      if (written === lines) break;
      buffer.push(`${l}\r\n`);
      written += 1;
    }
    if (buffer.length >= 5000 || written === lines) {
      if (!out.write(buffer.join(''), 'latin1')) await once(out, 'drain');
      buffer = [];
    }
  }
  out.end();
  await once(out, 'finish');
}

/** A row per line worth keeping, as renderer/console/calls/ingest.ts stores them. */
type Row = { table: SyncTable; key: string; value: StoredCall | SmdrLine };

const RECEIVED_AT = '2026-11-22T01:00:00.000Z';

/** Streams the file through framer → decoder → parser; `onRow` may await (back-pressure). */
async function importFile(path: string, onRow: (row: Row) => void | Promise<void>): Promise<{ lines: number; rows: number }> {
  const framer = new LineFramer();
  let offset = 0;
  let lines = 0;
  let rows = 0;
  const handle = async (bytes: Uint8Array): Promise<void> => {
    // Ids as the journal makes them (PBX id + offset): a re-import never doubles a call.
    const id = recordId(PBX_ID, offset);
    offset += bytes.length + 1;
    lines += 1;
    const parsed = parseSmdrLine({ bytes, id, pbxId: PBX_ID }, panasonic, { dateOrder: 'mdy', receivedAt: new Date(RECEIVED_AT) });
    if (parsed.kind === 'call') {
      const c = parsed.record;
      const missed = c.direction === 'in' && c.unanswered;
      const value: StoredCall = { ...c, id, seq: lines, receivedAt: RECEIVED_AT, day: (c.start ?? c.end ?? RECEIVED_AT).slice(0, 10), ...(missed ? { callback: 'open' as const, callbackLog: [] } : {}) };
      rows += 1;
      await onRow({ table: 'calls', key: id, value });
    } else if (parsed.kind === 'unrecognized') {
      rows += 1;
      await onRow({ table: 'smdrLines', key: id, value: { id, seq: lines, receivedAt: RECEIVED_AT, raw: parsed.raw, reason: parsed.reason } });
    }
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    for (const line of framer.push(chunk as Buffer)) await handle(line.bytes);
  }
  for (const line of framer.flush()) await handle(line.bytes);
  return { lines, rows };
}

function peakSampler(): { stop(): { rssMb: number; heapMb: number } } {
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => (heap = Math.max(heap, process.memoryUsage().heapUsed)), 20);
  return {
    stop() {
      clearInterval(timer);
      heap = Math.max(heap, process.memoryUsage().heapUsed);
      // maxRSS is the process's peak resident set since start, in KiB.
      return { rssMb: (process.resourceUsage().maxRSS * 1024) / 1e6, heapMb: heap / 1e6 };
    },
  };
}

if (!(SYNC_TABLES as readonly string[]).includes('calls')) {
  console.log('smdr-import: skipped — the hub does not sync a `calls` table yet (shared/sync/protocol.ts SYNC_TABLES)');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'bench-smdr-import-'));
const file = join(dir, 'smdr.txt');
await writeSmdrFile(file, LINES);

// Baseline first, which also warms the parser: the same file without the hub.
let sink = 0;
const t0 = performance.now();
const base = await importFile(file, (row) => {
  sink += row.key.length;
});
const baseMs = performance.now() - t0;

const store = await openPglite({ dataDir: process.env.SMDR_IMPORT_STORE === 'memory' ? 'memory://' : join(dir, 'pglite') });
const hub = await startHub({ store, stateDir: null });
await hub.auth.createUser({ username: 'bench', password: 'correct horse', role: 'receptionist' });
const login = (await (await fetch(`${hub.url}/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'correct horse' }) })).json()) as { token: string };

const clientId = 'bench-console';
const clock = new HybridClock(clientId);
let clientSeq = 0;
let batch: Mutation[] = [];
let applied = 0;
let pushes = 0;
async function push(): Promise<void> {
  if (batch.length === 0) return;
  const body = { schemaVersion: SYNC_SCHEMA_VERSION, clientId, hlc: clock.tick(), mutations: batch };
  batch = [];
  const res = await fetch(`${hub.url}/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`push failed: ${res.status} ${await res.text()}`);
  const out = (await res.json()) as PushResponse;
  pushes += 1;
  for (const o of out.outcomes) {
    if (o.status === 'applied') applied += 1;
    else throw new Error(`mutation ${o.mutationId} ${o.status}: ${o.reason ?? ''} ${o.message ?? ''}`);
  }
}

const mem = peakSampler();
const t1 = performance.now();
const done = await importFile(file, async (row) => {
  clientSeq += 1;
  if (clientSeq % 50_000 === 0) console.error(`smdr-import: ${clientSeq} rows pushed, ${((performance.now() - t1) / 1000).toFixed(0)} s`);
  batch.push({ clientSeq, mutationId: `${clientId}-${clientSeq}`, table: row.table, op: 'put', key: row.key, value: { ...row.value }, hlc: clock.tick() });
  if (batch.length === MAX_PUSH_BATCH) await push();
});
await push();
const ms = performance.now() - t1;
const peak = mem.stop();
const stored = await store.query<{ n: string }>(`SELECT count(*)::text AS n FROM changes`);
const fileMb = statSync(file).size / 1e6;
await hub.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

if (applied !== done.rows) throw new Error(`applied ${applied} of ${done.rows} rows`);
report(
  'smdr-import into hub (PGlite, HTTP push)',
  {
    lines: done.lines,
    rows: done.rows,
    stored_changes: stored[0]?.n ?? '?',
    batches: pushes,
    file_mb: fileMb,
    s: ms / 1000,
    lines_per_s: done.lines / (ms / 1000),
    peak_rss_mb: peak.rssMb,
    peak_heap_mb: peak.heapMb,
    parse_only_s: baseMs / 1000,
    sink: sink % 10,
  },
  { name: 'parse_only', value: baseMs, ours: ms },
);
if (base.lines !== done.lines) throw new Error('baseline and import read different line counts');
