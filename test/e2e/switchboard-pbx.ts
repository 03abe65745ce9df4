/**
 * The switchboard e2e world: a real pty pair (socat) as the PBX's serial
 * cable, the browser-mode server reading its far end with the PBX service,
 * and SMDR lines written by the test in Panasonic pattern C, as a KX-TDA
 * prints them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, write, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web';
import { patternCLine } from '../../hardware/sim/pbx-simulator';
import { CHROMIUM } from './harness';

/** Starts `socat` with two linked ptys and resolves with their paths once it is transferring. */
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
    proc.on('exit', (code) => fail(new Error(`socat exited ${String(code)}: ${log}`)));
  });
}

export interface PbxWorld {
  server: WebServer;
  browser: Browser;
  pageErrors: string[];
  /** The desk's end of the cable, as the settings screen is given it (a pty is not in serialport's list). */
  ptyPath: string;
  /** Pulls the cable: ends socat, so the desk's end of the pty pair goes away. */
  killLink(): void;
  /** Writes SMDR lines into the PBX end of the cable, CRLF-terminated as a PBX prints them. */
  print(...lines: string[]): void;
  open(opts?: { beforeGoto?: (page: Page) => Promise<void> }): Promise<Page>;
  close(): Promise<void>;
}

/** `linkOff`: the service starts with collection off, for a test that sets the source through the settings screen. */
export async function startPbxWorld(opts: { linkOff?: boolean } = {}): Promise<PbxWorld> {
  const pair = await ptyPair();
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-e2e-sb-'));
  // The PBX service reads its settings at start: point it at the pty instead of the simulator.
  writeFileSync(
    join(dataDir, 'pbx-settings.json'),
    JSON.stringify(opts.linkOff ? { source: 'off', format: 'auto' } : { source: 'serial', serialPath: pair.b, format: 'panasonic', dateOrder: 'mdy' }),
  );
  const server = await startWebServer({ port: 0, dataDir, rendererDir: process.env.FRONTDESK_TEST_RENDERER_DIR ?? resolve('dist/renderer'), version: 'test' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const fd = openSync(pair.a, 'w');
  let writes: Promise<void> = Promise.resolve();
  const pageErrors: string[] = [];
  return {
    server,
    browser,
    pageErrors,
    ptyPath: pair.b,
    killLink() {
      if (pair.proc.exitCode === null && pair.proc.signalCode === null && pair.proc.pid !== undefined) process.kill(pair.proc.pid);
    },
    print(...lines) {
      // Written off the event loop, in order: the PBX service reading the far end runs in
      // this same process, so a synchronous write that fills the pty would deadlock it.
      const data = Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'utf8');
      writes = writes.then(
        () =>
          new Promise<void>((done, fail) => {
            const next = (offset: number): void =>
              write(fd, data, offset, data.length - offset, null, (err, n) => {
                if (err) fail(err);
                else if (offset + n < data.length) next(offset + n);
                else done();
              });
            next(0);
          }),
      );
    },
    async open(opts = {}) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
      });
      await opts.beforeGoto?.(page);
      await page.goto(`${server.url}/?role=console`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByLabel('当班').fill('李娜');
      return page;
    },
    async close() {
      // After killLink() a pending write may fail on the dead pty; the test has its answer by then.
      await writes.catch(() => undefined);
      closeSync(fd);
      await browser.close();
      await server.close();
      if (pair.proc.exitCode === null && pair.proc.signalCode === null && pair.proc.pid !== undefined) process.kill(pair.proc.pid);
    },
  };
}

type Kind = { in: { ringSec: number; talkSec: number; missed?: boolean } } | { out: { talkSec: number } };

/** One pattern C record at `at` (default now): an incoming call (`<I>` number) or an outgoing one without PBX cost. */
export function smdr(ext: string, number: string, kind: Kind, at = new Date()): string {
  if ('in' in kind) {
    const { ringSec, talkSec, missed } = kind.in;
    return patternCLine(at, { ext, co: '0001', dial: `<I>${number}`, ringSec, talkSec: missed ? 0 : talkSec, cost: null, cd: missed ? 'NA' : '' });
  }
  return patternCLine(at, { ext, co: '0002', dial: number, ringSec: null, talkSec: kind.out.talkSec, cost: null, cd: '' });
}
