// Badge printing: PDF render time per badge, and time from enqueue to the job
// accepted by a real IPP printer (ippeveprinter), against a baseline that
// prints an already rendered PDF (so the ratio is what rendering adds).
import { ChromiumBadgeRenderer } from '../hardware/printer/chromium-renderer';
import { IppBadgePrinter } from '../hardware/printer/ipp-printer';
import { ippOutput } from '../hardware/printer/outputs';
import { PrintQueue, type PrintJob } from '../hardware/printer/print-queue';
import { TestPrinter } from '../test/unit/printer/ippeveprinter';
import { testBadge } from '../test/unit/printer/fixtures';
import { cpuSnapshot, cpuSpent, median, percentile, report } from './lib';

const N = Number(process.env.BENCH_N ?? 20);
const NAMES = ['王小明', '欧阳小明', 'Anna Schmidt', 'Maximilian Alexander Montgomery-Smithers'];

const printer = await TestPrinter.start();
const renderer = new ChromiumBadgeRenderer();
const ipp = new IppBadgePrinter({ uri: printer.uri, timeoutMs: 10_000 });
try {
  // Warm-up: launches Chromium once, as the services do at start.
  const prerendered = await renderer.render(testBadge('王小明'), 'ql62x100');

  const render: number[] = [];
  const cpuAtStart = cpuSnapshot();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await renderer.render(testBadge(NAMES[i % NAMES.length] ?? 'x', { badgeCode: `B${String(i).padStart(7, '0')}` }), 'ql62x100');
    render.push(performance.now() - t);
  }
  report('badge_render_ms', { median: median(render), p95: percentile(render, 95), n: N });
  // On a kiosk the badge renders while the sign-in syncs: its CPU is taken from that.
  const cpu = cpuSpent(cpuAtStart, cpuSnapshot());
  report('badge_render CPU ms per badge, by process', Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k.replace(/^cpu_s_/, ''), (v * 1000) / N])));

  const baseline: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await ipp.printPdf(prerendered, `bench-pre-${i}`);
    baseline.push(performance.now() - t);
  }
  report('ipp_print_prerendered_ms', { p50: median(baseline), p95: percentile(baseline, 95), n: N });

  const queue = new PrintQueue(ippOutput(renderer, ipp));
  const accepted: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const job = queue.enqueue(testBadge(NAMES[i % NAMES.length] ?? 'x', { badgeCode: `Q${String(i).padStart(7, '0')}` }), 'ql62x100');
    await new Promise<PrintJob>((resolve, reject) => {
      const off = queue.on((j) => {
        if (j.id !== job.id || (j.state !== 'done' && j.state !== 'failed')) return;
        off();
        if (j.state === 'done') resolve(j);
        else reject(new Error(j.error?.message));
      });
    });
    accepted.push(performance.now() - t);
  }
  queue.dispose();
  report(
    'badge_enqueue_to_ipp_accepted_ms',
    { p50: median(accepted), p95: percentile(accepted, 95), n: N, target_p95: 1500 },
    { name: 'prerendered_pdf_p50', value: median(baseline), ours: median(accepted) },
  );
} finally {
  await renderer.close();
  await printer.stop();
}
