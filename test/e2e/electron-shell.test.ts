/**
 * The desktop shell through Playwright's `_electron`. It runs wherever the
 * Electron binary is installed; where it is not (these CI machines cannot
 * download it), vitest reports it as skipped, never as passed.
 */
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

function electronBinary(): string | null {
  try {
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return null;
  }
}
const binary = electronBinary();

describe('desktop shell (_electron)', () => {
  it.skipIf(!binary)('opens the console from app://frontdesk, sandboxed, with only the preload bridge', async () => {
    const app = await _electron.launch({
      executablePath: binary!,
      args: ['.', '--role=console'],
      env: { ...process.env, FRONTDESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'fd-electron-')) },
    });
    const page = await app.firstWindow();
    expect(page.url()).toMatch(/^app:\/\/frontdesk\//);
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof window.frontdesk?.call)).toBe('function');
    // Sandboxed with no Node integration: the page has neither process nor require.
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    await app.close();
  });
});
