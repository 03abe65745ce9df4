import type { WatchEntry, WatchLevel } from '../../shared/domain/visit';
import { commit } from './commit';
import { db } from './schema';
import { newId } from './ids';

export interface WatchInput {
  name: string;
  idNumber: string;
  phone: string;
  level: WatchLevel;
  reason: string;
}

/** Adds someone to the deny/watch list (R-V7). The reason is shown on the console only. */
export function addWatchEntry(input: WatchInput, actor: string): Promise<WatchEntry> {
  return commit(actor, async (w) => {
    const entry: WatchEntry = { id: newId(), ...input, addedBy: actor, active: true, createdAt: w.now, updatedAt: w.now };
    await w.put('watchlist', entry);
    await w.audit('watch.add', 'watch', entry.id, `${input.level}: ${input.reason}`);
    return entry;
  });
}

export async function deactivateWatchEntry(id: string, actor: string): Promise<void> {
  await commit(actor, async (w) => {
    const entry = await db.watchlist.get(id);
    if (!entry) return;
    await w.put('watchlist', { ...entry, active: false, updatedAt: w.now });
    await w.audit('watch.remove', 'watch', id);
  });
}
