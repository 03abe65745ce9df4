import type { StoredCall, Tariff } from '../../../shared/domain/switchboard';
import { normalizeNumber } from './numbers';

/** The tariff whose prefix is the longest one the dialled number starts with. */
export function tariffFor(number: string, tariffs: readonly Tariff[]): Tariff | null {
  let best: Tariff | null = null;
  for (const t of tariffs) if (number.startsWith(t.prefix) && (!best || t.prefix.length > best.prefix.length)) best = t;
  return best;
}

/**
 * What an outgoing call costs (R-C9): the PBX's own cost when it gives one,
 * otherwise the tariff's rate per started minute or per started 6 s plus the
 * connection fee. Incoming, internal and unanswered calls cost nothing.
 */
export function callCost(c: Pick<StoredCall, 'direction' | 'number' | 'durationSec' | 'cost' | 'unanswered'>, tariffs: readonly Tariff[]): number {
  if (c.cost !== null) return c.cost;
  if (c.direction !== 'out' || c.unanswered || !c.durationSec) return 0;
  const t = tariffFor(normalizeNumber(c.number), tariffs);
  if (!t) return 0;
  const steps = t.unit === 'minute' ? Math.ceil(c.durationSec / 60) : Math.ceil(c.durationSec / 6) / 10;
  // Whole fen, so the sums of a bill match what a person adds up by hand.
  return Math.round((t.connectionFee + steps * t.ratePerMinute) * 100) / 100;
}

export function yuan(n: number): string {
  return n.toFixed(2);
}
