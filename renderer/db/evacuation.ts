import type { AuditEntry } from '../../shared/domain/visit';
import { commit } from './commit';
import { db } from './schema';
import { newId } from './ids';

/**
 * Evacuation roll call (R-V10). A roll call and its "safe" marks are audit
 * entries of entity `evacuation`: they sync like every write, so several
 * desks mark people at once, and the entries themselves are the kept report
 * (who was marked safe, by whom, when), without a schema change.
 */
export type EvacuationKind = 'drill' | 'real';

export interface RollCall {
  id: string;
  kind: EvacuationKind;
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
  /** visit id → who marked the visitor safe and when. */
  safe: Map<string, { by: string; at: string }>;
}

const ENTITY = 'evacuation';

export async function startRollCall(kind: EvacuationKind, actor: string): Promise<string> {
  const id = newId();
  await commit(actor, (w) => w.audit('evacuation.start', ENTITY, id, kind));
  return id;
}

export async function markSafe(rollCallId: string, visitId: string, actor: string): Promise<void> {
  await commit(actor, (w) => w.audit('evacuation.safe', ENTITY, rollCallId, visitId));
}

export async function endRollCall(rollCallId: string, actor: string, summary: string): Promise<void> {
  await commit(actor, (w) => w.audit('evacuation.end', ENTITY, rollCallId, summary));
}

/** The open roll call, if any, with its marks folded in. */
export async function currentRollCall(): Promise<RollCall | null> {
  const rows: AuditEntry[] = await db.audit.where('entity').equals(ENTITY).sortBy('at');
  const calls = new Map<string, RollCall>();
  for (const r of rows) {
    if (r.action === 'evacuation.start') {
      calls.set(r.entityId, { id: r.entityId, kind: r.detail === 'real' ? 'real' : 'drill', startedAt: r.at, startedBy: r.actor, endedAt: null, safe: new Map() });
    }
    const call = calls.get(r.entityId);
    if (!call) continue;
    if (r.action === 'evacuation.safe' && !call.safe.has(r.detail)) call.safe.set(r.detail, { by: r.actor, at: r.at });
    if (r.action === 'evacuation.end') call.endedAt = r.at;
  }
  const open = [...calls.values()].filter((c) => !c.endedAt);
  return open.at(-1) ?? null;
}
