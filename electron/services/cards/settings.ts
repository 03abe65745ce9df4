import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cardSettingsSchema, type CardSettings } from '../../../shared/api/cards';
import { log } from '../log';

/** Nothing configured: the emulated MSR605X, so demo mode makes cards; no upload URL, no mail server. */
export const DEFAULT_CARD_SETTINGS: CardSettings = {
  encoder: 'emulator',
  emulatedMedium: 'msr605x',
  presentSeconds: 20,
  webhookUrl: '',
  smtpHost: 'localhost',
  smtpPort: 25,
  mailFrom: 'frontdesk@localhost',
  revokeRecipients: [],
  cardPrinterUri: '',
};

/**
 * The cards feature's settings, in their own file (cards.json) so this feature
 * never rewrites the app's settings.json. Written to a temporary file and
 * renamed, so a crash mid-write keeps the old settings.
 */
export class CardSettingsFile {
  private constructor(
    private readonly file: string,
    private current: CardSettings,
  ) {}

  static async open(dataDir: string): Promise<CardSettingsFile> {
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'cards.json');
    let current = DEFAULT_CARD_SETTINGS;
    try {
      const parsed = cardSettingsSchema.safeParse({
        ...DEFAULT_CARD_SETTINGS,
        ...(JSON.parse(await readFile(file, 'utf8')) as object),
      });
      if (parsed.success) current = parsed.data;
      else log.warn(`cards.json is not valid, using the emulated encoder: ${parsed.error.message}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        log.warn('cards.json could not be read', err);
    }
    return new CardSettingsFile(file, current);
  }

  get settings(): CardSettings {
    return this.current;
  }

  async save(next: CardSettings): Promise<CardSettings> {
    this.current = cardSettingsSchema.parse(next);
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(this.current, null, 2));
    await rename(tmp, this.file);
    return this.current;
  }
}
