import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemServices } from '../../system-services';

/**
 * A real IPP Everywhere printer for tests: CUPS's ippeveprinter
 * (cups-ipp-utils) accepting PDFs and keeping them in a spool folder
 * (hardware.md 3.5). Even with `-r off` it refuses to start without the
 * system D-Bus and avahi ("Unable to initialize DNS-SD"): see
 * test/system-services.ts, which starts them.
 * `-c /bin/true` replaces its simulated 5–15 s of "printing" per job (during
 * which it answers server-error-busy) with a no-op; `-k` still keeps the PDF.
 */

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export class TestPrinter {
  private child: ChildProcess | undefined;
  readonly spool: string;

  private constructor(
    readonly port: number,
    /** Extra ippeveprinter options, e.g. ['-a', conf] to set media-supported. */
    private readonly extraArgs: readonly string[] = [],
  ) {
    this.spool = mkdtempSync(join(tmpdir(), 'ippeve-'));
  }

  static async start(port?: number, extraArgs: readonly string[] = []): Promise<TestPrinter> {
    ensureSystemServices();
    const printer = new TestPrinter(port ?? (await freePort()), extraArgs);
    await printer.start();
    return printer;
  }

  get uri(): string {
    return `ipp://127.0.0.1:${this.port}/ipp/print`;
  }

  /** Start (or restart) on the same port and spool. */
  async start(): Promise<void> {
    // -n localhost binds loopback only (127.0.0.1 and ::1); -n 127.0.0.1 fails on the IPv6 listener.
    const child = spawn(
      'ippeveprinter',
      [
        ...['-n', 'localhost', '-r', 'off', '-p', String(this.port), '-k', '-d', this.spool, '-c', '/bin/true'],
        // ippeveprinter refuses -f/-m together with -a: the attributes file then names the formats itself.
        ...(this.extraArgs.includes('-a') ? [] : ['-f', 'application/pdf', '-m', 'Badge Test']),
        ...this.extraArgs,
        'BadgeTest',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    this.child = child;
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`ippeveprinter exited: ${stderr}`);
      if (await accepts(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`ippeveprinter did not listen on ${this.port}: ${stderr}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}
