/**
 * The merge rule, as one pure function the hub applies to every pushed
 * mutation (and a client may reuse to predict the outcome).
 *
 * Invariants:
 * - Per field, the write with the greatest HLC wins (ties cannot happen: the
 *   node id is part of the stamp). Applying the same mutation twice changes
 *   nothing the second time (idempotent), so re-delivery is harmless.
 * - Delete wins: a put on a tombstoned row is refused (`notFound`) whatever
 *   its stamp, so the desk that made it is told why its change is gone; only
 *   an explicit `restore` stamped after the delete lifts the tombstone.
 * - Domain rules beat clocks: a visit's state (and the sign-in/out fields that
 *   go with it) only moves forward along the visit state machine, so a
 *   signed-out visit stays signed out even if a stale edit with a newer clock
 *   re-asserts `onSite`. Whenever the rule overrides the clock, the winning
 *   fields are re-stamped above both writes, so replicas that merge by
 *   max-HLC still converge on the hub's answer.
 * - Passes, cards, card applications and work visits move only along their
 *   domain transition tables: a put that changes `state` to one not reachable
 *   in one step from the hub's state is rejected (`transition`); an allowed
 *   one takes effect in the hub's order, re-stamped above what it follows if
 *   its clock was behind. A pass that is out cannot be handed out again under
 *   another hand-out.
 * - Hub-assigned numbers are hub-owned: once a card's number is final (or a
 *   handover sheet has its `finalNumber`) no client write changes them.
 * - A card audit entry is never changed once written (R-K5).
 * - Nothing here throws for bad input: every refusal is a value with a reason.
 */
import { VISIT_STATES, canTransition, type VisitState } from '../domain/visit';
import { APPLICATION_TRANSITIONS, CARD_TRANSITIONS, WORK_VISIT_TRANSITIONS } from '../domain/card';
import { PASS_TRANSITIONS } from '../domain/pass';
import { compareHlc, formatHlc, parseHlc } from './hlc';
import type { Mutation, RejectReason } from './protocol';
import { LOCAL_ONLY_FIELDS, TABLE_SCHEMAS } from './tables';

export interface RecordState {
  fields: Record<string, unknown>;
  fieldHlc: Record<string, string>;
  deletedHlc: string | null;
}

export type MergeResult =
  | { kind: 'applied'; next: RecordState }
  | { kind: 'superseded' }
  | { kind: 'rejected'; reason: RejectReason; message: string };

export type MergeInput = Pick<Mutation, 'table' | 'op' | 'key' | 'value' | 'hlc'>;

/** The visit fields that move with `state`: they merge by the state machine, not the clock. */
export const VISIT_STATE_GROUP = ['state', 'signedInAt', 'signedInBy', 'signedOutAt', 'signedOutBy', 'signOutReason'] as const;
const STATE_GROUP: ReadonlySet<string> = new Set(VISIT_STATE_GROUP);

/**
 * The state machines the hub enforces besides the visit's (tables in
 * shared/domain). Cycles are allowed (a pass goes out and back), so unlike
 * visits these are one-step checks against the stored state, not "further wins".
 */
const STATE_MACHINES: Partial<Record<Mutation['table'], Readonly<Record<string, readonly string[]>>>> = {
  passes: PASS_TRANSITIONS,
  cards: CARD_TRANSITIONS,
  cardApplications: APPLICATION_TRANSITIONS,
  workVisits: WORK_VISIT_TRANSITIONS,
};

/** Fields only the hub writes once they are set (numbers.ts assigns them in the push). */
function hubOwnedFields(table: Mutation['table'], stored: Record<string, unknown>): readonly string[] {
  if (table === 'cards' && stored.numberFinal === true) return ['number', 'numberFinal'];
  if (table === 'handoverSheets' && typeof stored.finalNumber === 'string') return ['finalNumber'];
  return [];
}

const IMMUTABLE_TABLES: ReadonlySet<Mutation['table']> = new Set(['cardAudit']);

const reject = (reason: RejectReason, message: string): MergeResult => ({ kind: 'rejected', reason, message });

/** Stamp just above `stamp`, owned by the hub: used when a domain rule overrides the clock. */
export function stampAbove(stamp: string): string {
  const p = parseHlc(stamp);
  return formatHlc({ wall: p.wall, counter: p.counter + 1, node: 'hub' });
}

const REACH: Map<VisitState, Set<VisitState>> = new Map(
  VISIT_STATES.map((from) => {
    const seen = new Set<VisitState>();
    const todo: VisitState[] = [from];
    while (todo.length > 0) {
      const s = todo.pop();
      if (s === undefined) break;
      for (const to of VISIT_STATES) {
        if (canTransition(s, to) && !seen.has(to)) {
          seen.add(to);
          todo.push(to);
        }
      }
    }
    return [from, seen];
  }),
);

/** True when the visit state machine can get from `from` to `to` in one or more steps. */
export function reachable(from: VisitState, to: VisitState): boolean {
  return REACH.get(from)?.has(to) ?? false;
}

function isVisitState(v: unknown): v is VisitState {
  return typeof v === 'string' && (VISIT_STATES as readonly string[]).includes(v);
}

export function mergeMutation(current: RecordState | null, m: MergeInput): MergeResult {
  if (m.op === 'delete') {
    if (current?.deletedHlc != null && compareHlc(current.deletedHlc, m.hlc) >= 0) return { kind: 'superseded' };
    return { kind: 'applied', next: { fields: current?.fields ?? {}, fieldHlc: current?.fieldHlc ?? {}, deletedHlc: m.hlc } };
  }
  if (m.op === 'restore') {
    if (current?.deletedHlc == null || compareHlc(m.hlc, current.deletedHlc) <= 0) return { kind: 'superseded' };
    return { kind: 'applied', next: { ...current, deletedHlc: null } };
  }
  return mergePut(current, m);
}

function mergePut(current: RecordState | null, m: MergeInput): MergeResult {
  if (m.value === null) return reject('validation', 'A put carries the fields it writes');
  if (current?.deletedHlc != null) return reject('notFound', `This ${m.table} row was deleted on another device; the change was not applied`);
  const schema = TABLE_SCHEMAS[m.table];
  const known = new Set(Object.keys(schema.shape));
  const localOnly = new Set(LOCAL_ONLY_FIELDS[m.table] ?? []);
  const incoming: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(m.value)) {
    if (localOnly.has(field)) continue;
    if (!known.has(field)) return reject('validation', `Unknown field ${m.table}.${field}`);
    incoming[field] = v;
  }
  if ('id' in incoming && incoming.id !== m.key) return reject('validation', 'The row id does not match the key');

  let stamp = m.hlc;
  if (current !== null) {
    for (const f of hubOwnedFields(m.table, current.fields)) delete incoming[f];
    if (IMMUTABLE_TABLES.has(m.table) && Object.keys(current.fields).length > 0) {
      const edited = Object.keys(incoming).filter((f) => JSON.stringify(incoming[f]) !== JSON.stringify(current.fields[f]));
      if (edited.length > 0) return reject('forbidden', `A ${m.table} entry cannot be changed (${edited.join(', ')})`);
    }
    const verdict = checkStateMachine(m.table, current, incoming);
    if (verdict === 'move') {
      // The hub's order decides a state change, not the clocks: the mutation is stamped above what it moves on from.
      const top = Object.keys(incoming).reduce<string>((acc, f) => {
        const st = current.fieldHlc[f];
        return st !== undefined && compareHlc(st, acc) > 0 ? st : acc;
      }, m.hlc);
      stamp = top === m.hlc ? m.hlc : stampAbove(top);
    } else if (verdict) return verdict;
  }

  const fields = { ...(current?.fields ?? {}) };
  const fieldHlc = { ...(current?.fieldHlc ?? {}) };
  let changed = false;
  const take = (field: string, value: unknown, stamp: string): void => {
    if (fieldHlc[field] === stamp && Object.is(fields[field], value)) return;
    fields[field] = value;
    fieldHlc[field] = stamp;
    changed = true;
  };

  if (m.table === 'visits' && current !== null) {
    const verdict = mergeVisitState(current, incoming, m.hlc, take);
    if (verdict) return verdict;
  }
  for (const [field, v] of Object.entries(incoming)) {
    if (m.table === 'visits' && current !== null && STATE_GROUP.has(field)) continue;
    const stored = fieldHlc[field];
    if (stored === undefined || compareHlc(stamp, stored) > 0) take(field, v, stamp);
  }
  if (!changed) return { kind: 'superseded' };
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject('validation', `${m.table}.${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  return { kind: 'applied', next: { fields: parsed.data, fieldHlc, deletedHlc: null } };
}

/**
 * The visit state group: the state that is further along the state machine
 * wins regardless of clocks; equal states merge field by field; states on
 * different branches (cancelled vs onSite) reject the later arrival.
 */
function mergeVisitState(
  current: RecordState,
  incoming: Record<string, unknown>,
  hlc: string,
  take: (field: string, value: unknown, stamp: string) => void,
): MergeResult | null {
  const stored = current.fields.state;
  const next = 'state' in incoming ? incoming.state : stored;
  if (!isVisitState(stored) || !isVisitState(next)) {
    // Not a valid row yet (or a bad value): leave it to plain LWW + schema validation.
    for (const f of VISIT_STATE_GROUP) {
      const s = current.fieldHlc[f];
      if (f in incoming && (s === undefined || compareHlc(hlc, s) > 0)) take(f, incoming[f], hlc);
    }
    return null;
  }
  const groupMax = VISIT_STATE_GROUP.reduce<string>((acc, f) => {
    const s = current.fieldHlc[f];
    return s !== undefined && compareHlc(s, acc) > 0 ? s : acc;
  }, hlc);
  if (next === stored) {
    for (const f of VISIT_STATE_GROUP) {
      const s = current.fieldHlc[f];
      if (f in incoming && (s === undefined || compareHlc(hlc, s) > 0)) take(f, incoming[f], hlc);
    }
    return null;
  }
  if (reachable(stored, next)) {
    const stamp = compareHlc(hlc, groupMax) >= 0 ? hlc : stampAbove(groupMax);
    for (const f of VISIT_STATE_GROUP) if (f in incoming) take(f, incoming[f], stamp);
    return null;
  }
  if (reachable(next, stored)) {
    // A stale state: keep ours, and if the stale write had the newer clock,
    // re-stamp ours above it so every replica lets go of the stale value.
    if (compareHlc(hlc, groupMax) >= 0) {
      const stamp = stampAbove(hlc);
      for (const f of VISIT_STATE_GROUP) if (f in current.fields) take(f, current.fields[f], stamp);
    }
    return null;
  }
  return reject('transition', `A visit cannot go from ${stored} to ${next}`);
}

/**
 * A state change must be one step of the table's state machine from the
 * state the hub holds, whatever the clocks say (a desk with a slow clock
 * that takes a pass back must not lose to the hand-out it follows). Returns
 * 'move' for an allowed change, a rejection, or null when the state stays.
 */
function checkStateMachine(table: Mutation['table'], current: RecordState, incoming: Record<string, unknown>): MergeResult | 'move' | null {
  const machine = STATE_MACHINES[table];
  if (!machine || !('state' in incoming)) return null;
  const from = current.fields.state;
  const to = incoming.state;
  if (typeof from !== 'string' || typeof to !== 'string' || !(from in machine)) return null;
  const label = TABLE_LABEL[table] ?? table;
  if (from === to) {
    // Two desks handing out the same pass: the second hand-out finds it already out.
    if (table === 'passes' && from === 'issued' && 'issueId' in incoming && incoming.issueId !== current.fields.issueId) {
      return reject('transition', 'This pass is already out under another hand-out');
    }
    return null;
  }
  if (!(machine[from] ?? []).includes(to)) return reject('transition', `A ${label} cannot go from ${from} to ${to}`);
  return 'move';
}

const TABLE_LABEL: Partial<Record<Mutation['table'], string>> = {
  passes: 'pass',
  cards: 'card',
  cardApplications: 'card application',
  workVisits: 'work visit',
};
