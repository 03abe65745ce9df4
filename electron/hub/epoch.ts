/**
 * The hub's epoch: an id that changes whenever the hub's history may have gone
 * backwards (a restore from backup), so clients never trust a cursor that
 * points into a future this hub no longer has.
 *
 * Detection: the hub remembers, outside the database, the highest seq it has
 * handed out under the current epoch. If at start the database's counter is
 * below that mark, the database was restored and the epoch is rotated.
 * Restoring a shared PostgreSQL elsewhere: start one hub with `--restored`.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { log } from '../services/log';
import { toInt, type SqlStore } from './store';

const markSchema = z.object({ epoch: z.string(), seq: z.number().int() });

export async function readEpoch(store: SqlStore): Promise<string> {
  const [row] = await store.query<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'epoch'`);
  return row?.value ?? '';
}

export async function rotateEpoch(store: SqlStore): Promise<string> {
  const epoch = randomUUID();
  await store.query(`UPDATE hub_meta SET value = $1 WHERE key = 'epoch'`, [epoch]);
  log.warn(`hub: new epoch ${epoch}: clients will re-snapshot and keep their outboxes`);
  return epoch;
}

export async function currentSeq(store: SqlStore): Promise<number> {
  const [row] = await store.query<{ seq: unknown }>('SELECT seq FROM sync_counter WHERE id = 1');
  return toInt(row?.seq);
}

/** Where the high-water mark lives; one per hub state folder. */
export class EpochMark {
  private readonly file: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(dir: string) {
    this.file = join(dir, 'hub-epoch-mark.json');
  }

  async read(): Promise<z.infer<typeof markSchema> | null> {
    try {
      return markSchema.parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch {
      return null;
    }
  }

  /** Writes are chained and atomic (temp file + rename), so a crash leaves the old or the new mark. */
  save(epoch: string, seq: number): Promise<void> {
    this.writing = this.writing.then(async () => {
      await mkdir(join(this.file, '..'), { recursive: true });
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, JSON.stringify({ epoch, seq }));
      await rename(tmp, this.file);
    });
    return this.writing.catch((err: unknown) => log.warn('hub: could not save the epoch mark', err));
  }
}

/** The epoch to serve with, rotating it first when the database is behind the mark. */
export async function startEpoch(store: SqlStore, mark: EpochMark | null, forceNew: boolean): Promise<string> {
  let epoch = await readEpoch(store);
  const seq = await currentSeq(store);
  const prior = await mark?.read();
  if (forceNew || (prior && prior.epoch === epoch && seq < prior.seq)) epoch = await rotateEpoch(store);
  await mark?.save(epoch, seq);
  return epoch;
}
