/**
 * Bundled for the kiosk page by bench/sync-converge.ts (esbuild → IIFE):
 * writes visits through the app's own write path (`commit()`, so each lands
 * in `visits` and in the outbox in one transaction, with its client sequence
 * and HLC stamp) into the page's real IndexedDB, as a kiosk signing visitors
 * in while offline does.
 */
import { commit } from '../renderer/db/commit';
import { FrontdeskDb, type VisitRow } from '../renderer/db/schema';
import { visit } from '../test/unit/hub/fixtures';

declare global {
  interface Window {
    benchOutbox(changes: number, perCommit: number): Promise<{ waiting: number; ms: number }>;
  }
}

window.benchOutbox = async (changes, perCommit) => {
  const database = new FrontdeskDb();
  const t0 = performance.now();
  for (let i = 0; i < changes; i += perCommit) {
    await commit(
      'kiosk',
      async (w) => {
        for (let j = i; j < Math.min(changes, i + perCommit); j++) {
          const row: VisitRow = {
            ...visit(`bench-${j}`, { name: `访客${j}`, badgeCode: `B${j}`, signedInAt: w.now, createdAt: w.now, updatedAt: w.now }),
            terms: [],
            day: w.now.slice(0, 10),
          };
          await w.put('visits', row);
        }
      },
      database,
    );
  }
  const waiting = await database.outbox.count();
  database.close();
  return { waiting, ms: performance.now() - t0 };
};
