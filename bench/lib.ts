/** Small helpers shared by the benchmarks: percentiles, a uniform report line, CPU by process. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

export const median = (xs: readonly number[]): number => percentile(xs, 50);

export function report(name: string, figures: Record<string, number | string>, baseline?: { name: string; value: number; ours: number }): void {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${typeof v === 'number' ? v.toFixed(2) : v}`);
  if (baseline) parts.push(`ratio_to_${baseline.name}=${(baseline.ours / baseline.value).toFixed(3)}`);
  console.log(`${name}: ${parts.join(' ')}`);
}

/**
 * CPU seconds used so far by this Node process and by every process it
 * started, directly or not (the browsers Playwright launched and their
 * children; Linux /proc, nothing more elsewhere). Keyed `node`, or by the
 * role Chromium gives the process and the pid of the browser it belongs to:
 * `browser@12`, `renderer:40@12`, `gpu-process@12`, `utility:network@12`.
 * Call at the start and end of a measured span and subtract (`cpuSpent`) to
 * see which process the span's time went to. A process that ended within the
 * span counts in the figure of the process that reaped it (Chromium's zygote
 * for renderers); one that ended with its parent is not counted.
 */
export function cpuSnapshot(): Map<string, number> {
  const out = new Map<string, number>();
  const usage = process.cpuUsage();
  out.set('node', (usage.user + usage.system) / 1e6);
  const procs = new Map<number, { ppid: number; cpu: number; cmd: string[] }>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  const ticks = 100; // USER_HZ on Linux
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Chromium rewrites its children's argv into one space-separated string.
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      // utime + stime, and cutime + cstime: the time of children that ended and were reaped by this process
      // (a renderer that served one badge and closed is counted in its zygote's figure, not lost).
      const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number) as [number, number, number, number];
      procs.set(Number(pid), { ppid: Number(fields[1]), cpu: (utime + stime + cutime + cstime) / ticks, cmd });
    } catch {
      // gone meanwhile
    }
  }
  const typeOf = (cmd: string[]): string | undefined => cmd.find((a) => a.startsWith('--type='))?.slice(7);
  for (const [pid, p] of procs) {
    // Walk up to this process: the nearest browser (a Chromium without --type) names the group.
    let browser: number | null = null;
    let up: number = pid;
    let ours = false;
    for (let i = 0; i < 10 && up > 1; i++) {
      if (up === process.pid) {
        ours = true;
        break;
      }
      const q = procs.get(up);
      if (!q) break;
      if (browser === null && typeOf(q.cmd) === undefined && q.cmd[0]?.includes('chrom')) browser = up;
      up = q.ppid;
    }
    if (!ours || pid === process.pid) continue;
    const type = typeOf(p.cmd) ?? (browser === pid ? 'browser' : (p.cmd[0]?.split('/').pop() ?? String(pid)));
    const sub = p.cmd.find((a) => a.startsWith('--utility-sub-type='))?.slice(19).split('.')[0];
    const role = type === 'renderer' ? `renderer:${pid}` : sub ? `${type}:${sub}` : type;
    const key = browser === null ? role : `${role}@${browser}`;
    out.set(key, (out.get(key) ?? 0) + p.cpu);
  }
  return out;
}

/** CPU seconds per process between two snapshots, busiest first, as report figures. */
export function cpuSpent(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const spent = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, v]) => v >= 0.05);
  return Object.fromEntries(spent.sort((a, b) => b[1] - a[1]).map(([k, v]) => [`cpu_s_${k}`, v]));
}

/**
 * A CPU profile of this Node process (hub, web server, services, Playwright)
 * from now until the returned function is called with the file to write.
 */
export async function profileThisProcess(): Promise<(file: string) => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}
