/**
 * Bundled for the page by the benchmark (esbuild → IIFE): fills the real
 * Dexie database of the running app with a large demo world.
 */
import { demoStaff, demoVisits } from '../shared/demo';
import { db, type VisitRow } from '../renderer/db/schema';
import { localDay, visitTerms } from '../renderer/db/terms';

declare global {
  interface Window {
    benchSeed(visits: number, staff: number): Promise<{ visits: number; staff: number; ms: number }>;
    benchNaiveSearch(q: string): Promise<{ ms: number; rows: number }>;
    benchIndexedSearch(q: string): Promise<{ ms: number; rows: number }>;
  }
}

window.benchSeed = async (visitCount, staffCount) => {
  const t0 = performance.now();
  const staff = demoStaff(staffCount, 11);
  await db.staff.bulkPut(staff);
  const chunk = 10_000;
  for (let i = 0; i < visitCount; i += chunk) {
    const rows: VisitRow[] = demoVisits(Math.min(chunk, visitCount - i), staff, 1000 + i, new Date(), 365).map((v) => ({
      ...v,
      id: `bench-${i}-${v.id}`,
      terms: visitTerms(v),
      day: localDay(v.signedInAt ?? v.createdAt),
    }));
    await db.visits.bulkPut(rows);
  }
  return { visits: await db.visits.count(), staff: await db.staff.count(), ms: performance.now() - t0 };
};

/**
 * The baseline: the same search without the terms index — a scan of every
 * visit, as a register filtered in memory would do (no early stop, since the
 * matches must be found wherever they are to be shown in order and counted).
 */
window.benchNaiveSearch = async (q) => {
  const t0 = performance.now();
  const rows = await db.visits.filter((v) => v.name.includes(q) || v.company.toLowerCase().includes(q)).toArray();
  return { ms: performance.now() - t0, rows: rows.length };
};

window.benchIndexedSearch = async (q) => {
  const t0 = performance.now();
  const rows = await db.visits.where('terms').startsWith(q).limit(50).toArray();
  return { ms: performance.now() - t0, rows: rows.length };
};
