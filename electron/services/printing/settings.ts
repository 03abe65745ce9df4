import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { printingSettingsSchema, type PrintingSettings, type PrintingSettingsInput } from '../../../shared/api/printing';
import { log } from '../log';

/** Nothing configured: the simulated printer, so demo mode prints to files. */
export const DEFAULT_PRINTING: PrintingSettings = {
  output: 'pdfOnly',
  ippUri: '',
  zplHost: '',
  zplPort: 9100,
  medium: 'ql62x100',
  systemPrinter: '',
  timeZone: '',
  smtpHost: '',
  smtpPort: 25,
  mailFrom: 'frontdesk@localhost',
  supervisorRecipients: [],
};

/**
 * The badge printer's settings, in their own file beside settings.json so
 * this feature never rewrites the app's settings. Written to a temporary file
 * and renamed, so a crash mid-write keeps the old settings.
 */
export class PrintingSettingsFile {
  private constructor(
    private readonly file: string,
    private current: PrintingSettings,
  ) {}

  static async open(dataDir: string): Promise<PrintingSettingsFile> {
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'printing.json');
    let current = DEFAULT_PRINTING;
    try {
      const parsed = printingSettingsSchema.safeParse({ ...DEFAULT_PRINTING, ...(JSON.parse(await readFile(file, 'utf8')) as object) });
      if (parsed.success) current = parsed.data;
      else log.warn(`printing.json is not valid, using the simulated printer: ${parsed.error.message}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('printing.json could not be read', err);
    }
    return new PrintingSettingsFile(file, current);
  }

  get settings(): PrintingSettings {
    return this.current;
  }

  async save(next: PrintingSettingsInput): Promise<PrintingSettings> {
    this.current = printingSettingsSchema.parse(next);
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(this.current, null, 2));
    await rename(tmp, this.file);
    return this.current;
  }
}
