import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { journalEntrySchema, pbxStatusSchema } from '../../../shared/api/calls';
import type { JournalEntry, PbxStatus } from '../../../shared/api/calls';
import type { EventName } from '../../../shared/api';
import { PbxService } from '../../../electron/services/pbx/pbx-service';
import type { PbxServiceOptions } from '../../../electron/services/pbx/pbx-service';

/** Collects the service's events, checked against the contract's schemas, and lets a test wait on them (no sleeps). */
export class EventLog {
  readonly logged: JournalEntry[] = [];
  readonly statuses: PbxStatus[] = [];
  private waiters: (() => void)[] = [];

  emit(event: EventName, payload: unknown): void {
    if (event === 'calls:logged') this.logged.push(...journalEntrySchema.array().parse(payload));
    if (event === 'calls:statusChanged') this.statuses.push(pbxStatusSchema.parse(payload));
    for (const w of this.waiters.splice(0)) w();
  }

  get lastStatus(): PbxStatus | undefined {
    return this.statuses.at(-1);
  }

  /** Resolves once `ok()` holds after some event; rejects after `ms`. */
  async until(ok: () => boolean, what: string, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ok()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; last status ${JSON.stringify(this.lastStatus)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** A service with a fast back-off and no silence timer; `skew` moves its clock. */
export function testService(dataDir: string, events: EventLog, extra: Partial<PbxServiceOptions> = {}): { service: PbxService; clock: { skewMs: number } } {
  const clock = { skewMs: 0 };
  const service = new PbxService({
    dataDir,
    events,
    clock: () => new Date(Date.now() + clock.skewMs),
    random: () => 0,
    backOffMs: [50, 100, 200],
    silenceCheckMs: 0,
    ...extra,
  });
  return { service, clock };
}

/** socat with two linked ptys at stable paths (`link=`), so a restarted socat reappears on the same path. */
export function ptyPairAt(pbxPath: string, deskPath: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${pbxPath}`, `pty,raw,echo=0,link=${deskPath}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (s: string) => {
      log += s;
      if (/starting data transfer loop/.test(log)) resolve(proc);
    });
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`socat exited ${String(code)}: ${log}`)));
  });
}

export function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

/** A loopback port free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address: AddressInfo | string | null = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Deterministic [0, 1) numbers (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes every byte to an open pty end from the thread pool, never blocking the
 * event loop: the reader of the far end runs in this same process, so a
 * synchronous write that fills the pty buffer would deadlock it.
 */
export async function writeAll(handle: FileHandle, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}

/** The "PBX" side of a pty: opens it, writes the text asynchronously, closes it. */
export async function printOnPty(path: string, text: string, encoding: BufferEncoding = 'latin1'): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await writeAll(handle, Buffer.from(text, encoding));
  } finally {
    await handle.close();
  }
}
