/**
 * Machine-room work visits (施工/设备操作, R-P4): approved before entry,
 * escorted (随工), equipment listed in and ticked out. The escort's "complete"
 * is refused while an item is neither ticked out nor explained.
 */
import { unexplainedEquipment, type EquipmentItem, type WorkVisit } from '../../shared/domain/card';
import { newId } from '../db/ids';
import { db } from '../db/schema';
import { cardStep } from './audit-log';

export class WorkVisitError extends Error {
  constructor(
    readonly code: 'cards.work.notFound' | 'cards.work.wrongState' | 'cards.work.missingEquipment',
    readonly items: string[] = [],
  ) {
    super(code);
  }
}

export type NewWorkVisit = Pick<
  WorkVisit,
  'name' | 'company' | 'work' | 'areas' | 'approver' | 'escort' | 'credential'
> & { equipment: string[] };

export async function approveWorkVisit(actor: string, input: NewWorkVisit): Promise<string> {
  const id = newId();
  const equipment: EquipmentItem[] = input.equipment.map((name) => ({
    name,
    checkedOut: false,
    note: '',
  }));
  await cardStep(
    actor,
    {
      action: 'work.approved',
      entity: 'workVisit',
      entityId: id,
      detail: `${input.name}: ${input.work} in ${input.areas}, approved by ${input.approver}, escort ${input.escort}`,
    },
    async (w) => {
      await w.put('workVisits', {
        ...input,
        id,
        equipment,
        approvedAt: w.now,
        state: 'approved',
        timeIn: null,
        timeOut: null,
        completedBy: null,
        createdAt: w.now,
        createdBy: actor,
        updatedAt: w.now,
      });
    },
  );
  return id;
}

async function visitOf(id: string): Promise<WorkVisit> {
  const v = await db.workVisits.get(id);
  if (!v) throw new WorkVisitError('cards.work.notFound');
  return v;
}

export async function enterMachineRoom(actor: string, id: string): Promise<void> {
  await cardStep(
    actor,
    { action: 'work.entered', entity: 'workVisit', entityId: id, detail: '' },
    async (w) => {
      const v = await visitOf(id);
      if (v.state !== 'approved') throw new WorkVisitError('cards.work.wrongState');
      await w.put('workVisits', { ...v, state: 'inRoom', timeIn: w.now, updatedAt: w.now });
    },
  );
}

export async function updateEquipment(
  actor: string,
  id: string,
  equipment: EquipmentItem[],
): Promise<void> {
  const summary = equipment
    .map((e) => `${e.name}${e.checkedOut ? ' ✓' : e.note ? ` (${e.note})` : ''}`)
    .join('; ');
  await cardStep(
    actor,
    { action: 'work.equipmentChecked', entity: 'workVisit', entityId: id, detail: summary },
    async (w) => {
      const v = await visitOf(id);
      if (v.state === 'done') throw new WorkVisitError('cards.work.wrongState');
      await w.put('workVisits', { ...v, equipment, updatedAt: w.now });
    },
  );
}

/** The escort confirms the work is finished; refused while equipment is unaccounted for. */
export async function completeWorkVisit(actor: string, id: string, escort: string): Promise<void> {
  const v = await visitOf(id);
  const missing = unexplainedEquipment(v).map((e) => e.name);
  if (missing.length > 0) throw new WorkVisitError('cards.work.missingEquipment', missing);
  await cardStep(
    actor,
    {
      action: 'work.completed',
      entity: 'workVisit',
      entityId: id,
      detail: `confirmed by escort ${escort}`,
    },
    async (w) => {
      const current = await visitOf(id);
      if (current.state !== 'inRoom') throw new WorkVisitError('cards.work.wrongState');
      if (unexplainedEquipment(current).length > 0)
        throw new WorkVisitError(
          'cards.work.missingEquipment',
          unexplainedEquipment(current).map((e) => e.name),
        );
      await w.put('workVisits', {
        ...current,
        state: 'done',
        timeOut: w.now,
        completedBy: escort,
        updatedAt: w.now,
      });
    },
  );
}
