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
 * Baseline: the same lines written on a second pty pair and read by a plain
 * SerialPort in this process — the floor the cable itself sets.
 * Lines go one at a time, 120–220 ms apart (a busy switchboard is a few calls a
 * second), after a warm-up. `SMDR_LATENCY_LINES` changes the count (default 200).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { open } from 'node:fs/promises';
import { SerialPort } from 'serialport';
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

const baseline = await ptyTransit(LINES);

const w = await startPbxWorld();
try {
  // Each WebSocket frame's arrival in the page, to split the latency into link + service (up to the
  // frame) and console (frame → row). A string for the same reason as the observer below.
  const page = await w.open({
    beforeGoto: async (p) => {
      await p.addInitScript(`(() => {
        const frames = {};
        window.smdrFrames = frames;
        const Native = window.WebSocket;
        window.WebSocket = class extends Native {
          constructor(...args) {
            super(...args);
            this.addEventListener('message', (e) => {
              if (typeof e.data !== 'string' || !e.data.includes('calls:logged')) return;
              const at = performance.timeOrigin + performance.now();
              for (const m of e.data.matchAll(/1398\\d{7}/g)) if (frames[m[0]] === undefined) frames[m[0]] = at;
            });
          }
        };
      })()`);
    },
  });
  await page.keyboard.press('Alt+6');
  await page.getByRole('status').filter({ hasText: '话单连接正常' }).waitFor();
  await page.getByRole('table', { name: '通话记录' }).waitFor();
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const seen = {};
    window.smdrSeen = seen;
    const look = (node) => {
      const el = node instanceof Element ? node : (node && node.parentElement) || null;
      if (el === null || el.closest('table')?.getAttribute('aria-label') !== '通话记录') return;
      const at = performance.timeOrigin + performance.now();
      for (const m of (el.textContent || '').matchAll(/1398\\d{7}/g)) if (seen[m[0]] === undefined) seen[m[0]] = at;
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') look(r.target);
        else r.addedNodes.forEach(look);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);

  const written = new Map<string, number>();
  for (let i = 0; i < LINES + WARM_UP; i++) {
    const number = numberOf(i);
    written.set(number, nowMs());
    w.print(smdr('6001', number, { in: { ringSec: 3, talkSec: 30 } }));
    await sleep(120 + Math.floor(Math.random() * 100));
  }
  const last = numberOf(LINES + WARM_UP - 1);
  await page.waitForFunction((n) => (window as unknown as { smdrSeen: Record<string, number> }).smdrSeen[n] !== undefined, last, { timeout: 30_000 });
  const seen = await page.evaluate(() => (window as unknown as { smdrSeen: Record<string, number> }).smdrSeen);
  const frames = await page.evaluate(() => (window as unknown as { smdrFrames: Record<string, number> }).smdrFrames);
  const latencies: number[] = [];
  const toFrame: number[] = [];
  const frameToRow: number[] = [];
  let missing = 0;
  for (const [number, at] of [...written].slice(WARM_UP)) {
    const shown = seen[number];
    const frame = frames[number];
    if (shown === undefined) missing += 1;
    else latencies.push(shown - at);
    if (frame !== undefined) toFrame.push(frame - at);
    if (frame !== undefined && shown !== undefined) frameToRow.push(shown - frame);
  }
  if (w.pageErrors.length > 0) console.log(`page errors: ${w.pageErrors.join(' | ')}`);
  report(
    'smdr-latency pty → console row (Chromium)',
    { lines: latencies.length, missing, p50_ms: percentile(latencies, 50), p95_ms: percentile(latencies, 95), max_ms: Math.max(...latencies), target_p95_ms: 100 },
    { name: 'pty_transit_p95', value: percentile(baseline, 95), ours: percentile(latencies, 95) },
  );
  report('smdr-latency split: write → calls:logged frame in page (link, journal fsync, parse, WebSocket)', { p50_ms: percentile(toFrame, 50), p95_ms: percentile(toFrame, 95) });
  report('smdr-latency split: frame → row (console ingest into Dexie, render)', { p50_ms: percentile(frameToRow, 50), p95_ms: percentile(frameToRow, 95) });
  report('smdr-latency baseline pty transit (SerialPort in-process)', { lines: baseline.length, p50_ms: percentile(baseline, 50), p95_ms: percentile(baseline, 95) });
  if (missing > 0) process.exitCode = 1;
} finally {
  await w.close();
}
