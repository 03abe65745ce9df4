import { db } from '../../db/schema';
import { addShift, type OperatorShift } from './operator-share';

const KEY = 'console.operatorShifts';
/** A year of handovers at a few a day is a few thousand entries; older ones no longer matter for R-C4. */
const KEEP = 5000;

export async function readShifts(): Promise<OperatorShift[]> {
  const row = await db.meta.get(KEY);
  if (!row) return [];
  try {
    const parsed: unknown = JSON.parse(row.value);
    return Array.isArray(parsed)
      ? parsed.filter(
          (s): s is OperatorShift => typeof s?.at === 'string' && typeof s?.operator === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

/**
 * Notes who is signed in at this desk from now on (local meta, like the ring
 * threshold): the three-ring share per operator reads it back (R-C4).
 */
export async function noteOperator(operator: string, at = new Date()): Promise<void> {
  const name = operator.trim();
  if (!name) return;
  await db.transaction('rw', db.meta, async () => {
    const next = addShift(await readShifts(), name, at).slice(-KEEP);
    await db.meta.put({ key: KEY, value: JSON.stringify(next) });
  });
}

export const SHIFTS_KEY = KEY;
