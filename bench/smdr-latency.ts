/**
 * Latency from an SMDR line written on the PBX end of a real pty pair (socat)
 * to its row in the console's call log in Chromium (issue 4, target p95 ≤
 * 100 ms): the path is pty → serial source → framer → journal append + fsync →
 * parser → PBX service event → browser-mode transport → console ingest into
 * Dexie → React render. Both ends read the same machine clock
 * (performance.timeOrigin + performance.now() in Node and in the page): the
 * write time is taken just before the line is handed to the asynchronous pty
 * write, the arrival time by a MutationObserver in the page when a row of the
 * table "通话记录" first contains the line's unique number.
 *
 * Per stage (p50/p95), each line followed by its unique number: the Node side
 * is timed by wrapping the link's methods in this process (the server runs
 * here): pty write → serialport data (SmdrLink.receive called) → framed
 * (journal append starts) → journal append incl. fdatasync → parsed (receive
 * returns) → WebSocket send of `calls:logged`; the page side by an init script:
 * frame arrives → row put into IndexedDB `calls` → its transaction committed,
 * and the row's first appearance in the table (DOM) → the next frame (paint).
 * The row may appear before the commit (shown from the event), so the DOM
 * stage is measured from the frame.
 *
 * `SMDR_LATENCY_NO_SYNC=1` cuts the page off the sync hub once it is signed
 * in (its /v1 requests fail, so no push or pull per call): a diagnostic of how
 * much of the tail the per-call sync round costs, not the figure to report.
 * `SMDR_LATENCY_TX=1` lists the page's IndexedDB transactions during the run
 * by stores and mode (count per line, time from creation to complete, which
 * includes waiting behind other transactions).
 *
 * Baseline: the same lines written on a second pty pair and read by a plain
 * SerialPort in this process — the floor the cable itself sets.
 * Lines go one at a time, 120–220 ms apart (a busy switchboard is a few calls a
 * second), after a warm-up. `SMDR_LATENCY_LINES` changes the count (default 200).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { open } from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SerialPort } from 'serialport';
import { WebSocket } from 'ws';
import { SmdrJournal } from '../hardware/pbx/journal';
import { SmdrLink } from '../hardware/pbx/smdr-link';
import { smdr, startPbxWorld } from '../test/e2e/switchboard-pbx';
import { percentile, report } from './lib';

const LINES = Number(process.env.SMDR_LATENCY_LINES ?? 200);
const WARM_UP = 10;

const nowMs = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** A number no other line (nor the demo world) has: the marker the page looks for. */
const numberOf = (i: number): string => `1398${String(i).padStart(7, '0')}`;

function ptyPair(): Promise<{ proc: ChildProcess; a: string; b: string }> {
  return new Promise((done, fail) => {
    const proc = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const paths: string[] = [];
    let log = '';
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (s: string) => {
      log += s;
      for (const m of s.matchAll(/PTY is (\S+)/g)) paths.push(m[1]!);
      if (/starting data transfer loop/.test(log) && paths.length === 2) done({ proc, a: paths[0]!, b: paths[1]! });
    });
    proc.on('error', fail);
  });
}

/** The floor: write → bytes read back through the cable by a SerialPort in this process. */
async function ptyTransit(lines: number): Promise<number[]> {
  const pair = await ptyPair();
  const port = new SerialPort({ path: pair.b, baudRate: 9600, autoOpen: false });
  await new Promise<void>((r, f) => port.open((e) => (e ? f(e) : r())));
  const writer = await open(pair.a, 'w');
  const times: number[] = [];
  let pending: { marker: string; at: number; done: () => void } | null = null;
  let seen = '';
  port.on('data', (chunk: Buffer) => {
    seen += chunk.toString('latin1');
    if (pending !== null && seen.includes(pending.marker)) {
      times.push(nowMs() - pending.at);
      seen = '';
      pending.done();
    }
  });
  for (let i = 0; i < lines + WARM_UP; i++) {
    const line = `${smdr('6001', numberOf(900_000 + i), { in: { ringSec: 3, talkSec: 30 } })}\r\n`;
    const arrived = new Promise<void>((r) => (pending = { marker: numberOf(900_000 + i), at: nowMs(), done: r }));
    await writer.write(Buffer.from(line, 'latin1'));
    await arrived;
    await sleep(20);
  }
  await writer.close();
  await new Promise<void>((r) => port.close(() => r()));
  pair.proc.kill();
  return times.slice(WARM_UP);
}

/** Node-side stage times per marker number, filled by the wrappers below. */
type Stamps = Record<string, number>;
const node = { data: {} as Stamps, appendStart: {} as Stamps, appendEnd: {} as Stamps, sync: {} as Stamps, parsed: {} as Stamps, sent: {} as Stamps };
const MARK = /1398\d{7}/g;
const markersOf = (b: Uint8Array | string): string[] => [...(typeof b === 'string' ? b : Buffer.from(b).toString('latin1')).matchAll(MARK)].map((m) => m[0]);
const first = (into: Stamps, keys: readonly string[], at: number): void => {
  for (const k of keys) if (into[k] === undefined) into[k] = at;
};

function instrumentNode(): void {
  const receive = SmdrLink.prototype.receive;
  SmdrLink.prototype.receive = function (this: SmdrLink, chunk: Uint8Array) {
    const at = nowMs();
    const out = receive.call(this, chunk);
    const done = nowMs();
    for (const line of out) {
      const keys = markersOf(line.entry.bytes);
      first(node.data, keys, at);
      first(node.parsed, keys, done);
    }
    return out;
  };
  const append = SmdrJournal.prototype.append;
  let syncMs = 0;
  SmdrJournal.prototype.append = function (this: SmdrJournal, bytes: Uint8Array) {
    const at = nowMs();
    syncMs = 0;
    const entry = append.call(this, bytes);
    const keys = markersOf(bytes);
    first(node.appendStart, keys, at);
    first(node.appendEnd, keys, nowMs());
    first(node.sync, keys, syncMs);
    return entry;
  };
  const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
  const fdatasyncSync = fs.fdatasyncSync;
  fs.fdatasyncSync = (fd: number): void => {
    const at = nowMs();
    fdatasyncSync(fd);
    syncMs += nowMs() - at;
  };
  syncBuiltinESMExports();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: unknown, ...rest: unknown[]) {
    if (typeof data === 'string' && data.startsWith('{"event":"calls:logged"')) first(node.sent, markersOf(data), nowMs());
    return (send as (...a: unknown[]) => void).call(this, data, ...rest);
  } as typeof send;
}

const baseline = await ptyTransit(LINES);
instrumentNode();
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
const loadAtStart = loadavg()[0]!;

const w = await startPbxWorld();
try {
  // The page side: each WebSocket frame's arrival, each call's put into IndexedDB and its
  // transaction's commit. A string: tsx would wrap named inner functions in a helper the page lacks.
  const page = await w.open({
    beforeGoto: async (p) => {
      await p.addInitScript(`(() => {
        const now = () => performance.timeOrigin + performance.now();
        const stamps = { frame: {}, put: {}, committed: {} };
        window.smdrStamps = stamps;
        const Native = window.WebSocket;
        window.WebSocket = class extends Native {
          constructor(...args) {
            super(...args);
            this.addEventListener('message', (e) => {
              if (typeof e.data !== 'string' || !e.data.includes('calls:logged')) return;
              const at = now();
              for (const m of e.data.matchAll(/1398\\d{7}/g)) if (stamps.frame[m[0]] === undefined) stamps.frame[m[0]] = at;
            });
          }
        };
        // Every IndexedDB transaction: its stores, mode, how long it waited and how long it ran.
        const tx = [];
        window.smdrTx = tx;
        const transaction = IDBDatabase.prototype.transaction;
        IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
          const t = transaction.call(this, stores, mode, ...rest);
          const rec = { stores: [].concat(stores).length > 4 ? 'ALL(' + [].concat(stores).length + ')' : [].concat(stores).join('+'), mode: mode || 'readonly', at: now(), ops: 0 };
          tx.push(rec);
          const end = () => { rec.ms = now() - rec.at; };
          t.addEventListener('complete', end);
          t.addEventListener('abort', end);
          return t;
        };
        const put = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (value, ...rest) {
          const n = this.name === 'calls' && value && typeof value.number === 'string' ? value.number : '';
          if (/^1398\\d{7}$/.test(n) && stamps.put[n] === undefined) {
            stamps.put[n] = now();
            this.transaction.addEventListener('complete', () => { if (stamps.committed[n] === undefined) stamps.committed[n] = now(); });
          }
          return put.call(this, value, ...rest);
        };
      })()`);
    },
  });
  await page.keyboard.press('Alt+6');
  await page.getByRole('status').filter({ hasText: '话单连接正常' }).waitFor();
  await page.getByRole('table', { name: '通话记录' }).waitFor();
  if (process.env.SMDR_LATENCY_NO_SYNC === '1') {
    await page.route('**/v1/**', (r) => r.abort());
    await page.routeWebSocket('**/v1/**', (ws) => ws.close());
  }
  await page.evaluate(`(() => {
    const now = () => performance.timeOrigin + performance.now();
    const seen = {};
    const painted = {};
    window.smdrSeen = seen;
    window.smdrPainted = painted;
    const look = (node) => {
      const el = node instanceof Element ? node : (node && node.parentElement) || null;
      if (el === null || el.closest('table')?.getAttribute('aria-label') !== '通话记录') return;
      const at = now();
      for (const m of (el.textContent || '').matchAll(/1398\\d{7}/g)) {
        if (seen[m[0]] !== undefined) continue;
        seen[m[0]] = at;
        const n = m[0];
        // The frame that paints it: rAF runs before that paint, the message after it.
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => { painted[n] = now(); };
          ch.port2.postMessage(0);
        });
      }
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') look(r.target);
        else r.addedNodes.forEach(look);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);

  loopDelay.enable();
  const written = new Map<string, number>();
  for (let i = 0; i < LINES + WARM_UP; i++) {
    const number = numberOf(i);
    written.set(number, nowMs());
    w.print(smdr('6001', number, { in: { ringSec: 3, talkSec: 30 } }));
    await sleep(120 + Math.floor(Math.random() * 100));
  }
  const last = numberOf(LINES + WARM_UP - 1);
  await page.waitForFunction((n) => (window as unknown as { smdrPainted: Record<string, number> }).smdrPainted[n] !== undefined, last, { timeout: 30_000 });
  // Let the last commits land before reading the stamps.
  await sleep(1000);
  loopDelay.disable();
  type PageStamps = { frame: Stamps; put: Stamps; committed: Stamps };
  const seen = await page.evaluate(() => (window as unknown as { smdrSeen: Stamps }).smdrSeen);
  const painted = await page.evaluate(() => (window as unknown as { smdrPainted: Stamps }).smdrPainted);
  const pg = await page.evaluate(() => (window as unknown as { smdrStamps: PageStamps }).smdrStamps);
  const measured = [...written].slice(WARM_UP);
  const latencies: number[] = [];
  let missing = 0;
  for (const [number, at] of measured) {
    const shown = seen[number];
    if (shown === undefined) missing += 1;
    else latencies.push(shown - at);
  }
  /** `to − from` per measured line where both are known. */
  const stage = (from: (n: string, at: number) => number | undefined, to: (n: string, at: number) => number | undefined): number[] =>
    measured.flatMap(([n, at]) => {
      const a = from(n, at);
      const b = to(n, at);
      return a === undefined || b === undefined ? [] : [b - a];
    });
  const stages: [string, number[]][] = [
    ['pty write → serialport data', stage((_, at) => at, (n) => node.data[n])],
    ['data → framed (journal append starts)', stage((n) => node.data[n], (n) => node.appendStart[n])],
    ['journal append (write + fdatasync)', stage((n) => node.appendStart[n], (n) => node.appendEnd[n])],
    ['  of which fdatasync', stage(() => 0, (n) => node.sync[n])],
    ['journaled → parsed', stage((n) => node.appendEnd[n], (n) => node.parsed[n])],
    ['parsed → calls:logged sent', stage((n) => node.parsed[n], (n) => node.sent[n])],
    ['sent → frame in page', stage((n) => node.sent[n], (n) => pg.frame[n])],
    ['frame → row in DOM', stage((n) => pg.frame[n], (n) => seen[n])],
    ['row in DOM → painted', stage((n) => seen[n], (n) => painted[n])],
    ['frame → Dexie put', stage((n) => pg.frame[n], (n) => pg.put[n])],
    ['Dexie put → committed', stage((n) => pg.put[n], (n) => pg.committed[n])],
    ['frame → committed', stage((n) => pg.frame[n], (n) => pg.committed[n])],
    ['pty write → frame in page', stage((_, at) => at, (n) => pg.frame[n])],
  ];
  if (process.env.SMDR_LATENCY_TX === '1') {
    type Tx = { stores: string; mode: string; at: number; ms?: number };
    const txs = (await page.evaluate(() => (window as unknown as { smdrTx: Tx[] }).smdrTx)).filter((t) => t.at >= written.get(measured[0]![0])!);
    const groups = new Map<string, number[]>();
    for (const t of txs) groups.set(`${t.mode} ${t.stores}`, [...(groups.get(`${t.mode} ${t.stores}`) ?? []), t.ms ?? NaN]);
    for (const [k, ms] of [...groups].sort((a, b) => b[1].reduce((x, y) => x + y, 0) - a[1].reduce((x, y) => x + y, 0)).slice(0, 15)) {
      report(`smdr-latency idb ${k}`, { count: ms.length, per_line: ms.length / measured.length, p50_ms: percentile(ms, 50), p95_ms: percentile(ms, 95), total_ms: ms.reduce((x, y) => x + y, 0) });
    }
  }
  if (w.pageErrors.length > 0) console.log(`page errors: ${w.pageErrors.join(' | ')}`);
  const load = `${loadAtStart.toFixed(2)}→${loadavg()[0]!.toFixed(2)}`;
  report(
    'smdr-latency pty → console row (Chromium)',
    { load, lines: latencies.length, missing, p50_ms: percentile(latencies, 50), p95_ms: percentile(latencies, 95), max_ms: Math.max(...latencies), target_p95_ms: 100 },
    { name: 'pty_transit_p95', value: percentile(baseline, 95), ours: percentile(latencies, 95) },
  );
  report('smdr-latency pty → painted', { p50_ms: percentile(stage((_, at) => at, (n) => painted[n]), 50), p95_ms: percentile(stage((_, at) => at, (n) => painted[n]), 95) });
  for (const [name, xs] of stages) report(`smdr-latency stage: ${name}`, { n: xs.length, p50_ms: percentile(xs, 50), p95_ms: percentile(xs, 95) });
  report('smdr-latency Node event-loop delay', { p50_ms: loopDelay.percentile(50) / 1e6, p95_ms: loopDelay.percentile(95) / 1e6, max_ms: loopDelay.max / 1e6 });
  report('smdr-latency baseline pty transit (SerialPort in-process)', { lines: baseline.length, p50_ms: percentile(baseline, 50), p95_ms: percentile(baseline, 95) });
  if (missing > 0) process.exitCode = 1;
} finally {
  await w.close();
}
