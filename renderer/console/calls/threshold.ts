import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db/schema';

const KEY = 'calls.ringThresholdSec';
/** Three rings of a Chinese PBX's 1 s on / 4 s off cadence ≈ 15 s (铃响不超过三声, R-C4). */
export const DEFAULT_RING_THRESHOLD = 15;

/** The ring threshold is this desk's setting, kept in the local meta table. */
export function useRingThreshold(): [number, (sec: number) => void] {
  const stored = useLiveQuery(() => db.meta.get(KEY), []);
  const value = stored ? Number(stored.value) : DEFAULT_RING_THRESHOLD;
  const set = (sec: number): void => {
    if (Number.isInteger(sec) && sec >= 1 && sec <= 120) void db.meta.put({ key: KEY, value: String(sec) });
  };
  return [Number.isFinite(value) ? value : DEFAULT_RING_THRESHOLD, set];
}
