import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { settingsSchema, type Settings } from '../../shared/api';

export const DEFAULT_SETTINGS: Settings = {
  companyName: '华东云数据中心',
  companyNameEn: 'East China Cloud Data Centre',
  kioskIdleSeconds: 60,
  kioskCountdownSeconds: 20,
  kioskDoneSeconds: 12,
  // A 23.8" 1080p landscape panel on a floor stand, lower edge at 900 mm: every control is within reach (K2).
  kioskPanelHeightMm: 297,
  kioskPanelBottomMm: 900,
  hostAckMinutes: 5,
  holidays: [],
  workingWeekends: [],
};

interface Stored {
  installId: string;
  settings: Settings;
}

/**
 * Settings and the install id, kept as one JSON file in the data folder.
 * Written to a temporary file and renamed, so a crash mid-write never leaves
 * a half file; a file that fails validation is kept aside, not overwritten.
 */
export class SettingsStore {
  private constructor(
    private readonly file: string,
    private stored: Stored,
  ) {}

  static async open(dataDir: string): Promise<SettingsStore> {
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'settings.json');
    let stored: Stored | null = null;
    try {
      const raw = JSON.parse(await readFile(file, 'utf8')) as { installId?: unknown; settings?: unknown };
      const settings = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(raw.settings as object) });
      if (typeof raw.installId === 'string' && settings.success) {
        stored = { installId: raw.installId, settings: settings.data };
      } else {
        await rename(file, `${file}.invalid-${Date.now()}`);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') await rename(file, `${file}.invalid-${Date.now()}`).catch(() => undefined);
    }
    const store = new SettingsStore(file, stored ?? { installId: randomUUID(), settings: DEFAULT_SETTINGS });
    if (!stored) await store.save();
    return store;
  }

  get installId(): string {
    return this.stored.installId;
  }

  get settings(): Settings {
    return this.stored.settings;
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    this.stored = { ...this.stored, settings: settingsSchema.parse({ ...this.stored.settings, ...patch }) };
    await this.save();
    return this.stored.settings;
  }

  private async save(): Promise<void> {
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(this.stored, null, 2));
    await rename(tmp, this.file);
  }
}
