/**
 * Echoes: a client pulling back the rows it wrote itself gets nothing it does
 * not hold already — a kiosk back online with 10,000 sign-ins would pull all
 * 10,000 again and rewrite them into IndexedDB. So each row remembers the
 * one client (if any) whose own replica is known to hold exactly the row's
 * fields, and that client's pulls skip it (pull.ts, when the request asks).
 *
 * Invariants (`echoAfter`):
 * - The mark names client X only if X's replica is certain to equal the
 *   row: the hub took X's put whole (no field refused by the domain rules,
 *   no hub number added, nothing changed by validation), and either X had no
 *   row before and the hub had none (`local: 'new'`), or the row was already
 *   marked X and X laid its change over its row (`local: 'overlay'`).
 * - Anything else clears the mark: another writer, a refused or partly kept
 *   change, a write whose `local` X did not state. Clearing only costs a row
 *   sent that need not have been.
 * - A delete marks its writer: its replica has dropped the row, which is all
 *   the tombstone would tell it.
 */
import type { Mutation } from '../../shared/sync/protocol';
import type { RecordState } from '../../shared/sync/merge';
import { LOCAL_ONLY_FIELDS } from '../../shared/sync/tables';

/** The row before the mutation, as the hub held it; null when it had none. */
export interface EchoBefore {
  fields: Record<string, unknown>;
  echo: string | null;
}

type Fields = Record<string, unknown>;

/** JSON values equal; most fields are strings, numbers, booleans or null, compared without serializing. */
function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  return JSON.stringify(x) === JSON.stringify(y);
}

function sameFields(a: Fields, b: Fields): boolean {
  let n = 0;
  for (const k in a) {
    if (!Object.hasOwn(b, k) || !sameValue(a[k], b[k])) return false;
    n += 1;
  }
  for (const _ in b) n -= 1;
  return n === 0;
}

/** The client whose replica holds `next` exactly, after `m` from `clientId` made it out of `before`; null when none is certain to. */
export function echoAfter(clientId: string, before: EchoBefore | null, m: Mutation, next: RecordState): string | null {
  if (m.op === 'delete') return next.deletedHlc !== null ? clientId : null;
  if (m.op !== 'put' || next.deletedHlc !== null || m.value === null) return null;
  const localOnly = new Set(LOCAL_ONLY_FIELDS[m.table] ?? []);
  const value: Fields = {};
  for (const [f, v] of Object.entries(m.value)) if (!localOnly.has(f)) value[f] = v;
  let expected: Fields;
  if (before === null) {
    if (m.local !== 'new') return null;
    expected = value;
  } else {
    if (m.local !== 'overlay' || before.echo !== clientId) return null;
    expected = { ...before.fields, ...value };
  }
  return sameFields(expected, next.fields) ? clientId : null;
}
