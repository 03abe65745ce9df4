import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { panasonic } from '../../../hardware/pbx/formats/panasonic';
import { SmdrJournal } from '../../../hardware/pbx/journal';
import { SmdrSerialSource } from '../../../hardware/pbx/serial-source';
import { SmdrLink } from '../../../hardware/pbx/smdr-link';
import { writeAll } from './service-harness';
import type { LoggedLine } from '../../../hardware/pbx/smdr-link';

/** Starts `socat` with two linked ptys and resolves with their paths once it is transferring. */
function ptyPair(): Promise<{ proc: ChildProcess; a: string; b: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const paths: string[] = [];
    let log = '';
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (s: string) => {
      log += s;
      for (const m of s.matchAll(/PTY is (\S+)/g)) paths.push(m[1]!);
      if (/starting data transfer loop/.test(log) && paths.length === 2) resolve({ proc, a: paths[0]!, b: paths[1]! });
    });
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`socat exited ${String(code)}: ${log}`)));
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SMDR over a real pty pair (R-C1, R-C2)', () => {
  let socat: ChildProcess | null = null;
  let dir: string | null = null;
  afterEach(() => {
    if (socat?.pid !== undefined) process.kill(socat.pid);
    socat = null;
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  });

  it('R-C1: lines written in split chunks arrive framed, journaled and parsed; a restart replays them with the same ids', async () => {
    const pair = await ptyPair();
    socat = pair.proc;
    dir = mkdtempSync(join(tmpdir(), 'smdr-pty-'));
    const journalPath = join(dir, 'pbx.ndjson');
    const link = new SmdrLink({ journal: new SmdrJournal(journalPath, 'pbx-1'), format: panasonic, dateOrder: 'mdy' });
    expect(link.start()).toEqual([]);

    const got: LoggedLine[] = [];
    const errors: string[] = [];
    let wake: () => void = () => undefined;
    const source = new SmdrSerialSource({ path: pair.b, baudRate: 9600 }, link, {
      onLine: (l) => {
        got.push(l);
        wake();
      },
      onError: (e) => errors.push(e.code),
    });
    await source.open();

    const writer = await open(pair.a, 'w');
    const chunks = ['  Date     Time    Ext CO        Dial Number\r', '\n01/02/02 10:03AM 1200  01 <I>0123', "456789            0'05 00:01'05\r", '\n\x00\r\n', "01/02/02 10:05AM 1234  02 13800138000                 00:00'30\r\n"];
    for (const c of chunks) {
      await writeAll(writer, Buffer.from(c, 'latin1'));
      await pause(30);
    }
    await writer.close();
    const deadline = Date.now() + 5000;
    // Woken by each delivered line; the 200 ms tick only bounds the wait.
    while (got.length < 4 && Date.now() < deadline) {
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 200);
      });
    }
    await source.close();

    expect(errors).toEqual([]);
    expect(got.map((l) => l.parsed.kind)).toEqual(['header', 'call', 'blank', 'call']);
    expect(got[1]!.parsed).toMatchObject({ kind: 'call', record: { number: '0123456789', ringSec: 5, durationSec: 65, id: got[1]!.entry.id } });
    expect(got[3]!.parsed).toMatchObject({ kind: 'call', record: { number: '13800138000', direction: 'out', trunk: '02' } });
    link.close();

    const again = new SmdrLink({ journal: new SmdrJournal(journalPath, 'pbx-1'), format: panasonic, dateOrder: 'mdy' });
    const replay = again.start();
    again.close();
    expect(replay.map((l) => l.entry.id)).toEqual(got.map((l) => l.entry.id));
    expect(replay.map((l) => l.parsed)).toEqual(got.map((l) => l.parsed));
  }, 15_000);
});
