import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { badgeFromVisit, type BadgeData } from '../../../hardware/printer/badge-data';
import type { Clock, PrintJob, PrintQueue } from '../../../hardware/printer/print-queue';

export const CHINESE_NAME = '王小明';
/** ux.md B2's check: a 40-character Latin name. */
export const LONG_LATIN_NAME = 'Maximilian Alexander Montgomery-Smithers';

export function testBadge(name: string, extra: { escortRequired?: boolean; passNumber?: string | null; photo?: string | null; badgeCode?: string } = {}): BadgeData {
  return badgeFromVisit(
    {
      name,
      company: '北京云端数据科技有限公司',
      hostName: '张三',
      hostDept: '研发部',
      category: 'business',
      escortRequired: extra.escortRequired ?? true,
      badgeCode: extra.badgeCode ?? 'V7K29QX4',
      signedInAt: '2026-03-05T01:30:00.000Z',
      expectedEnd: '2026-03-05T10:00:00.000Z',
      photo: extra.photo ?? null,
      createdAt: '2026-03-05T01:30:00.000Z',
    },
    // The fixtures' times are Beijing desk times, whatever zone the test machine is in.
    { passNumber: extra.passNumber ?? null, hostDeptEn: 'R&D', timeZone: 'Asia/Shanghai' },
  );
}

/** Tiny grey 3×4 PNG, standing in for a kiosk photo. */
export const PHOTO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAMAAAAECAAAAABuRtrbAAAAFklEQVR4nGOomFbBMC1lGgOIjoqKAgAwRAWrLI1JiQAAAABJRU5ErkJggg==';

/** Test clock: time moves only when the test says so. */
export class ManualClock implements Clock {
  private t = 0;
  private timers: { at: number; run: () => void; live: boolean }[] = [];

  now(): number {
    return this.t;
  }

  setTimeout(run: () => void, ms: number): () => void {
    const timer = { at: this.t + ms, run, live: true };
    this.timers.push(timer);
    return () => (timer.live = false);
  }

  advance(ms: number): void {
    this.t += ms;
    const due = this.timers.filter((x) => x.live && x.at <= this.t);
    this.timers = this.timers.filter((x) => !due.includes(x));
    for (const timer of due) timer.run();
  }
}

/** Resolves with the job once `done(job)` holds; events, not sleeps. */
export function waitForJob(queue: PrintQueue, id: string, done: (job: PrintJob) => boolean, timeoutMs = 20_000): Promise<PrintJob> {
  return new Promise((resolve, reject) => {
    const current = queue.get(id);
    if (current && done(current)) return resolve(current);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`job ${id} stuck in ${queue.get(id)?.state ?? 'unknown'}`));
    }, timeoutMs);
    const off = queue.on((job) => {
      if (job.id !== id || !done(job)) return;
      clearTimeout(timer);
      off();
      resolve(job);
    });
  });
}

/** The PDF ippeveprinter kept for a job (named <job-id>-<job-name>.pdf, possibly in a per-printer subfolder). */
export async function spooledPdf(spool: string, jobId: number, jobName = ''): Promise<string> {
  for (let i = 0; i < 100; i++) {
    // Job ids restart at 1 when the printer restarts, so the name (lower-cased
    // by ippeveprinter) disambiguates.
    const found = findFile(spool, (f) => f.startsWith(`${jobId}-`) && f.includes(jobName.toLowerCase()) && f.endsWith('.pdf'));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no spooled PDF for job ${jobId} in ${spool}`);
}

function findFile(dir: string, match: (name: string) => boolean): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = findFile(path, match);
      if (inner) return inner;
    } else if (match(entry.name)) return path;
  }
  return undefined;
}

export function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8' });
}

/** Page size in millimetres from pdfinfo ("Page size: 175.92 x 282.96 pts"). */
export function pdfPageMm(file: string): { width: number; height: number; pages: number } {
  const info = run('pdfinfo', [file]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const pages = /Pages:\s+(\d+)/.exec(info);
  const pt = (v: string | undefined): number => (Number(v) / 72) * 25.4;
  return { width: pt(size?.[1]), height: pt(size?.[2]), pages: Number(pages?.[1]) };
}

/** Greyscale bitmap of page 1 at 300 dpi (PGM from pdftoppm). */
export function pageBitmap(file: string): { width: number; height: number; pixels: Buffer } {
  const pgm = execFileSync('pdftoppm', ['-r', '300', '-gray', '-singlefile', file]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: pgm.subarray(header[0].length) };
}

/** Leftmost and rightmost columns with ink (pixel darker than mid-grey). */
export function inkColumns(bitmap: { width: number; height: number; pixels: Buffer }): { left: number; right: number } {
  let left = bitmap.width;
  let right = -1;
  for (let y = 0; y < bitmap.height; y++) {
    const row = y * bitmap.width;
    for (let x = 0; x < bitmap.width; x++) {
      if ((bitmap.pixels[row + x] ?? 255) < 128) {
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  return { left, right };
}
