/**
 * Machine-room evidence export for 100,000 entries (issue 6, R-P5): our CSV
 * (formula-safe quoting, bilingual kinds, BOM) and XLSX (exceljs), time and
 * peak memory, against a baseline CSV that only joins the fields with commas
 * — no quoting, no labels — so the ratio is the cost of making the file safe
 * and readable. Run: `npx tsx bench/card-evidence.ts` (BENCH_ROWS to change the count).
 */
import type { EvidenceRow } from '../shared/api/cards';
import {
  EVIDENCE_COLUMNS,
  evidenceFiles,
  labelledEvidence,
  toCsv,
} from '../electron/services/cards/access-export';
import { report } from './lib';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const KINDS = ['visitor', 'workVisit', 'cardHolder'] as const;

function rows(n: number): EvidenceRow[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: KINDS[i % 3]!,
    name: `访客${i}`,
    company: i % 7 === 0 ? '华数, "云" 科技' : '某系统集成有限公司',
    areas: `B-${(i % 40) + 1}`,
    work: '更换硬盘',
    approver: '王经理',
    escort: '赵工',
    credential: String(i % 500).padStart(4, '0'),
    timeIn: '2026-11-20 09:00',
    timeOut: '2026-11-20 11:30',
  }));
}

async function measure(
  work: () => Promise<unknown> | unknown,
): Promise<{ ms: number; peakMb: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, peakMb: (peak - base) / 1e6 };
}

const data = rows(ROWS);
// Warm both paths up first, so the JIT does not count against whichever runs first.
const warm = rows(2000);
for (let i = 0; i < 3; i++) {
  warm.map((r) => EVIDENCE_COLUMNS.map((c) => r[c.key]).join(',')).join('\n');
  toCsv(EVIDENCE_COLUMNS, labelledEvidence(warm));
}
const baseline = await measure(() =>
  data.map((r) => EVIDENCE_COLUMNS.map((c) => r[c.key]).join(',')).join('\n'),
);
const csv = await measure(() => toCsv(EVIDENCE_COLUMNS, labelledEvidence(data)));
report(
  'card evidence CSV export',
  { rows: ROWS, ms: csv.ms, peak_mb: csv.peakMb },
  { name: 'plain_join', value: baseline.ms, ours: csv.ms },
);
const both = await measure(() => evidenceFiles(data));
report('card evidence CSV+XLSX export', { rows: ROWS, ms: both.ms, peak_mb: both.peakMb });
