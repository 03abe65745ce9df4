import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './harness';

/** The e2e run tests the built app, so it builds it first; without Chromium it fails loudly. */
export default function setup(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/setup.sh (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
}
