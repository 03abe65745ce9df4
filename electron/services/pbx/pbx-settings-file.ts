import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pbxSettingsSchema } from '../../../shared/api/calls';
import type { PbxSettings } from '../../../shared/api/calls';
import { log } from '../log';

/** What a fresh install uses: the demo PBX, format detected from its first lines. */
export const DEFAULT_PBX_SETTINGS: PbxSettings = {
  source: 'simulator',
  serialPath: '',
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  flowControl: 'none',
  tcpHost: '',
  tcpPort: 2300,
  format: 'auto',
  dateOrder: 'mdy',
  charset: 'latin1',
  pbxId: 'pbx-1',
  silentMinutes: 30,
  customLayout: null,
};

export const PBX_SETTINGS_FILE = 'pbx-settings.json';

/**
 * Reads the PBX settings. A missing file gives the defaults; a file that fails
 * validation is kept aside (never overwritten blindly) and the defaults are used.
 */
export async function loadPbxSettings(dataDir: string): Promise<PbxSettings> {
  const file = join(dataDir, PBX_SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return DEFAULT_PBX_SETTINGS;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = pbxSettingsSchema.safeParse(typeof json === 'object' && json !== null ? { ...DEFAULT_PBX_SETTINGS, ...json } : null);
  if (parsed.success) return parsed.data;
  log.warn(`${file} is not valid PBX settings; kept aside, using defaults`);
  await rename(file, `${file}.invalid-${Date.now()}`).catch(() => undefined);
  return DEFAULT_PBX_SETTINGS;
}

/** Writes to a temporary file and renames it, so a crash mid-write never leaves half a file. */
export async function savePbxSettings(dataDir: string, settings: PbxSettings): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, PBX_SETTINGS_FILE);
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
  await rename(tmp, file);
}
