/**
 * Runs every benchmark in bench/ one after another (each starts its own
 * servers and browser; running them together would measure contention).
 * `npm run bench` builds first; `npm run bench -- card` runs only matching files.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv[2];
const files = readdirSync('bench')
  // *-in-page.ts are bundled into a page by the benchmark that uses them, not run here.
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'lib.ts'].includes(f) && !f.endsWith('-in-page.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();

let failed = 0;
for (const f of files) {
  console.log(`\n== bench/${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
