import type { CallbackOutcome, DeliveryWay, PbxFault, PhoneMessage, Tariff, Urgency } from '../../../shared/domain/switchboard';
import type { Staff } from '../../../shared/domain/visit';
import { commit } from '../../db/commit';
import { newId } from '../../db/ids';
import { db } from '../../db/schema';
import { whenStored } from './arrived-calls';

/**
 * Records what was done about a missed call (R-C5). "No answer" keeps it on
 * the list; "called back" and "resolved" take it off. A call shown from the
 * PBX event may not be stored yet: the record waits for its stored row (the
 * ingest commits it, or retries until it does), so it is never lost.
 */
export async function recordCallback(callId: string, outcome: CallbackOutcome, note: string, actor: string): Promise<void> {
  await whenStored(callId);
  await commit(actor, async (w) => {
    const c = await db.calls.get(callId);
    if (!c) throw new Error(`call ${callId} is not stored`);
    const log = [...(c.callbackLog ?? []), { at: w.now, by: actor, outcome, note }];
    await w.put('calls', { ...c, callback: outcome === 'noAnswer' ? 'open' : 'done', callbackLog: log });
    await w.audit(`callback.${outcome}`, 'call', callId, note);
  });
}

export interface MessageInput {
  callerName: string;
  callerNumber: string;
  forStaff: Staff;
  content: string;
  urgency: Urgency;
}

export async function takeMessage(m: MessageInput, actor: string): Promise<PhoneMessage> {
  return commit(actor, async (w) => {
    const row: PhoneMessage = {
      id: newId(),
      createdAt: w.now,
      takenBy: actor,
      callerName: m.callerName,
      callerNumber: m.callerNumber,
      forStaffId: m.forStaff.id,
      forName: m.forStaff.name,
      forDept: m.forStaff.dept,
      forExt: m.forStaff.ext,
      content: m.content,
      urgency: m.urgency,
      state: 'open',
      deliveredAt: null,
      deliveredBy: null,
      deliveredHow: null,
      deliveryNote: '',
    };
    await w.put('messages', row);
    await w.audit('message.taken', 'message', row.id, m.forStaff.name);
    return row;
  });
}

/** 转告: who passed the message on, when and how (R-C6). */
export async function deliverMessage(id: string, how: DeliveryWay, note: string, actor: string): Promise<void> {
  await commit(actor, async (w) => {
    const m = await db.messages.get(id);
    if (!m || m.state === 'delivered') return;
    await w.put('messages', { ...m, state: 'delivered', deliveredAt: w.now, deliveredBy: actor, deliveredHow: how, deliveryNote: note });
    await w.audit('message.delivered', 'message', id, how);
  });
}

export async function recordPbxFault(what: string, at: string, actor: string): Promise<void> {
  await commit(actor, async (w) => {
    const row: PbxFault = { id: newId(), at, recordedAt: w.now, by: actor, what };
    await w.put('pbxFaults', row);
    await w.audit('pbx.fault', 'pbxFault', row.id, what);
  });
}

export async function saveTariff(t: Tariff, actor: string): Promise<void> {
  await commit(actor, async (w) => {
    await w.put('tariffs', t);
    await w.audit('tariff.saved', 'tariff', t.id, `${t.prefix} ${t.ratePerMinute}/${t.unit}`);
  });
}

/** Unmasking a mobile is audited like unmasking an ID (R-S2). */
export async function auditReveal(entity: string, entityId: string, actor: string): Promise<void> {
  await commit(actor, (w) => w.audit('reveal.mobile', entity, entityId));
}
