import { PassError, numbersDiffer, type HandoverSheet } from '../../shared/domain/pass';
import { isWorkingDay, type WorkCalendar } from '../../shared/working-days';
import { commit, type Writer } from './commit';
import { newId } from './ids';
import { db } from './schema';
import { localDay } from './terms';

/** R-P3: the check is due at 09:00 local on working days. */
export const CHECK_HOUR = 9;

export function previousWorkingDay(from: Date, cal: WorkCalendar): Date {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() - 1);
  // A long holiday (春节) is at most a few weeks; 60 days is a safe bound.
  for (let i = 0; i < 60 && !isWorkingDay(d, cal); i++) d.setDate(d.getDate() - 1);
  return d;
}

/** The day whose sheet is due now (Friday's on Monday), or null before 09:00 or on a day off. */
export function dueSheetDay(now: Date, cal: WorkCalendar): string | null {
  if (!isWorkingDay(now, cal) || now.getHours() < CHECK_HOUR) return null;
  return localDay(previousWorkingDay(now, cal));
}

export interface SheetDraft {
  day: string;
  issuedNumbers: string[];
  returnedNumbers: string[];
  outNumbers: string[];
}

/** What the desk's records say about a day's passes: issued, back, still out now. */
export async function sheetDraft(day: string): Promise<SheetDraft> {
  const issues = await db.passIssues.where('day').equals(day).toArray();
  const sorted = (xs: string[]): string[] => [...new Set(xs)].sort();
  return {
    day,
    issuedNumbers: sorted(issues.map((i) => i.passNumber)),
    returnedNumbers: sorted(issues.filter((i) => i.returnedAt !== null).map((i) => i.passNumber)),
    outNumbers: sorted(issues.filter((i) => i.returnedAt === null).map((i) => i.passNumber)),
  };
}

const mismatchKey = (day: string): string => `handover:${day}`;

/**
 * Supervisor escalation for a sheet that does not match (R-P3: at once).
 * The console alert is the record; mail goes out from the main side once a
 * mail channel is configured (host-notifier's channels) — not wired here yet.
 */
async function escalate(w: Writer, day: string, detail: string): Promise<void> {
  const id = `pass-mismatch-${day}`;
  const existing = await db.alerts.get(id);
  if (existing) {
    await w.put('alerts', { ...existing, detail, updatedAt: w.now });
    return;
  }
  await w.put('alerts', { id, kind: 'passMismatch', visitId: mismatchKey(day), detail, createdAt: w.now, ackAt: null, ackBy: null, updatedAt: w.now });
  await w.audit('pass.escalate', 'handover', day, detail);
}

export interface CheckResult {
  mismatch: boolean;
  missingAtGuard: string[];
  unknownToDesk: string[];
}

/**
 * The alert's detail, language-neutral so every console words it itself:
 * "day|missing at guard|unknown to desk|explanation" (see passes/alert-text.ts).
 */
function describe(day: string, r: CheckResult, explanation: string): string {
  return [day, r.missingAtGuard.join(','), r.unknownToDesk.join(','), explanation.trim().replaceAll('|', '/')].join('|');
}

/** Compare with the guard's log; a difference is escalated the moment it is found. */
export async function checkWithGuard(day: string, guardNumbers: string[], actor: string): Promise<CheckResult> {
  const draft = await sheetDraft(day);
  const diff = numbersDiffer(draft.issuedNumbers, guardNumbers);
  const result = { mismatch: diff.missingAtGuard.length + diff.unknownToDesk.length > 0, ...diff };
  await commit(actor, async (w) => {
    await w.audit('pass.check', 'handover', day, result.mismatch ? describe(day, result, '') : 'match');
    if (result.mismatch) await escalate(w, day, describe(day, result, ''));
  });
  return result;
}

export interface SignInput {
  day: string;
  guardNumbers: string[];
  explanation: string;
  receptionistName: string;
  receptionistSignature: string;
  guardName: string;
  guardSignature: string;
}

/** Both sign; the sheet is kept with a provisional number and the day's overdue alert closes. */
export async function signSheet(input: SignInput, actor: string): Promise<HandoverSheet> {
  const draft = await sheetDraft(input.day);
  const diff = numbersDiffer(draft.issuedNumbers, input.guardNumbers);
  const result = { mismatch: diff.missingAtGuard.length + diff.unknownToDesk.length > 0, ...diff };
  if (result.mismatch && !input.explanation.trim()) throw new PassError('pass.explainMismatch', 'a mismatch must be explained');
  if (!input.receptionistName.trim() || !input.guardName.trim() || !input.receptionistSignature || !input.guardSignature) {
    throw new PassError('pass.noSignature', 'the receptionist and the duty guard both sign');
  }
  return commit(actor, async (w) => {
    if (await db.handoverSheets.where('day').equals(input.day).first()) throw new PassError('pass.duplicate', `the sheet for ${input.day} is already signed`);
    const id = newId();
    const sheet: HandoverSheet = {
      id,
      // Provisional until the hub numbers it (architecture: the hub owns register numbers).
      number: `临-${input.day.replaceAll('-', '')}-${id.slice(0, 4).toUpperCase()}`,
      finalNumber: null,
      ...draft,
      guardNumbers: input.guardNumbers,
      mismatch: result.mismatch,
      explanation: input.explanation.trim(),
      receptionistName: input.receptionistName.trim(),
      receptionistSignature: input.receptionistSignature,
      guardName: input.guardName.trim(),
      guardSignature: input.guardSignature,
      signedAt: w.now,
      printedAt: null,
      createdAt: w.now,
      updatedAt: w.now,
    };
    await w.put('handoverSheets', sheet);
    await w.audit('pass.handover', 'handover', id, `${sheet.number} ${input.day} ${draft.issuedNumbers.length}/${input.guardNumbers.length}${result.mismatch ? ' mismatch' : ''}`);
    if (result.mismatch) await escalate(w, input.day, describe(input.day, result, input.explanation));
    for (const alert of await db.alerts.where('visitId').equals(input.day).toArray()) {
      if (alert.kind === 'passCheckOverdue' && !alert.ackAt) await w.put('alerts', { ...alert, ackAt: w.now, ackBy: actor, updatedAt: w.now });
    }
    // Passes back at the desk and seen by both on the sheet are on the shelf again.
    for (const pass of await db.passes.where('state').equals('returned').toArray()) {
      if (sheet.returnedNumbers.includes(pass.number)) await w.put('passes', { ...pass, state: 'inStock', updatedAt: w.now });
    }
    return sheet;
  });
}

export async function markPrinted(sheetId: string, actor: string): Promise<void> {
  await commit(actor, async (w) => {
    const sheet = await db.handoverSheets.get(sheetId);
    if (!sheet) return;
    await w.put('handoverSheets', { ...sheet, printedAt: w.now, updatedAt: w.now });
    await w.audit('pass.handoverPrint', 'handover', sheetId, sheet.number);
  });
}

/**
 * A due sheet not yet signed stays as an overdue alert until it is (R-P3).
 * Keyed by the day, so a reload or a second console never adds a second one.
 */
export async function ensureOverdueAlert(day: string, actor: string): Promise<void> {
  // Checked inside the write transaction (Dexie runs read-write transactions
  // one at a time) and with an id derived from the day, so two ticks, two
  // tabs or a tick racing the signature can never add a second alert.
  await commit(actor, async (w) => {
    const id = `pass-overdue-${day}`;
    if (await db.handoverSheets.where('day').equals(day).first()) return;
    if (await db.alerts.get(id)) return;
    await w.put('alerts', { id, kind: 'passCheckOverdue', visitId: day, detail: day, createdAt: w.now, ackAt: null, ackBy: null, updatedAt: w.now });
    await w.audit('pass.checkOverdue', 'handover', day, day);
  });
}
