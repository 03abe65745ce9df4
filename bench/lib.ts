/** Small helpers shared by the benchmarks: percentiles and a uniform report line. */
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
