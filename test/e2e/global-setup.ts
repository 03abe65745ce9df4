import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM } from './harness';

/**
 * The e2e run tests the built renderer, so it builds it first — into a folder
 * of its own, so that runs side by side (or a developer's `npm start`) never
 * see each other's half-written assets. The harness reads the folder from
 * FRONTDESK_TEST_RENDERER_DIR, which the test workers inherit.
 */
export default function setup(): () => void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/setup.sh (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  const out = mkdtempSync(join(tmpdir(), 'frontdesk-e2e-renderer-'));
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', out], { stdio: 'inherit' });
  process.env.FRONTDESK_TEST_RENDERER_DIR = out;
  return () => rmSync(out, { recursive: true, force: true });
}
