import { PASS_STATES, PassError, canPassTransition, formatPassNumber, type Pass, type PassIssue, type PassState } from '../../shared/domain/pass';
import type { Visit } from '../../shared/domain/visit';
import { commit } from './commit';
import { newId } from './ids';
import { db } from './schema';
import { localDay } from './terms';

/** Passes that can be handed out: on the shelf, or back and not yet re-checked (PASS_TRANSITIONS into issued). */
export const AVAILABLE: ReadonlySet<Pass['state']> = new Set(
  PASS_STATES.filter((s) => s !== 'issued' && canPassTransition(s, 'issued')),
);

/**
 * Refuses a step the hub would refuse after sync (shared/domain/pass.ts
 * PASS_TRANSITIONS): a retired pass is never lost or handed out again, an
 * issued one is not retired while out.
 */
function requireStep(pass: Pass, to: PassState, why: string): void {
  if (!canPassTransition(pass.state, to)) throw new PassError('pass.notAvailable', `pass ${pass.number} is ${pass.state}; ${why}`);
}

/** Adds numbered passes to the stock; numbers already known are reported, not overwritten. */
export async function addPasses(numbers: readonly string[], actor: string): Promise<{ added: string[]; duplicates: string[] }> {
  return commit(actor, async (w) => {
    const added: string[] = [];
    const duplicates: string[] = [];
    for (const raw of numbers) {
      const number = formatPassNumber(raw);
      if (await db.passes.where('number').equals(number).first()) {
        duplicates.push(number);
        continue;
      }
      const pass: Pass = { id: newId(), number, state: 'inStock', issueId: null, lostAt: null, lostBy: null, lostNote: null, createdAt: w.now, updatedAt: w.now };
      await w.put('passes', pass);
      await w.audit('pass.add', 'pass', pass.id, number);
      added.push(number);
    }
    return { added, duplicates };
  });
}

async function requirePass(id: string): Promise<Pass> {
  const pass = await db.passes.get(id);
  if (!pass) throw new PassError('pass.unknown', `no pass ${id}`);
  return pass;
}

export async function retirePass(id: string, actor: string): Promise<void> {
  await commit(actor, async (w) => {
    const pass = await requirePass(id);
    requireStep(pass, 'retired', 'take it back first');
    await w.put('passes', { ...pass, state: 'retired', updatedAt: w.now });
    await w.audit('pass.retire', 'pass', id, pass.number);
  });
}

/** A lost pass: who reported it and when; an open hand-out stays open (the visit never gave it back). */
export async function reportLost(id: string, reportedBy: string, note: string, actor: string): Promise<void> {
  await commit(actor, async (w) => {
    const pass = await requirePass(id);
    requireStep(pass, 'lost', 'it cannot be reported lost');
    await w.put('passes', { ...pass, state: 'lost', lostAt: w.now, lostBy: reportedBy.trim() || actor, lostNote: note.trim() || null, updatedAt: w.now });
    await w.audit('pass.lost', 'pass', id, [pass.number, reportedBy.trim(), note.trim()].filter(Boolean).join(' · '));
  });
}

export interface IssueInput {
  passId: string;
  visit: Pick<Visit, 'id' | 'name'>;
  employeeName: string;
  employeeCard: string;
  signature: string | null;
}

/** R-P1: a pass goes out only against an employee's signature or card (签字领用). */
export async function issuePass(input: IssueInput, actor: string): Promise<PassIssue> {
  const employeeName = input.employeeName.trim();
  const employeeCard = input.employeeCard.trim();
  if (!employeeName || (!input.signature && !employeeCard)) {
    throw new PassError('pass.noSignature', 'a company employee must sign or show a card for the pass');
  }
  return commit(actor, async (w) => {
    const pass = await requirePass(input.passId);
    if (pass.state === 'issued') throw new PassError('pass.notAvailable', `pass ${pass.number} is issued`);
    requireStep(pass, 'issued', 'it cannot be handed out');
    const issue: PassIssue = {
      id: newId(),
      passId: pass.id,
      passNumber: pass.number,
      visitId: input.visit.id,
      visitorName: input.visit.name,
      employeeName,
      employeeCard: employeeCard || null,
      signature: input.signature,
      issuedAt: w.now,
      issuedBy: actor,
      returnedAt: null,
      returnedTo: null,
      day: localDay(w.now),
      updatedAt: w.now,
    };
    await w.put('passIssues', issue);
    await w.put('passes', { ...pass, state: 'issued', issueId: issue.id, updatedAt: w.now });
    await w.audit('pass.issue', 'pass', pass.id, `${pass.number} → ${input.visit.name} (${input.visit.id}); ${employeeName}${employeeCard ? ` #${employeeCard}` : ''}`);
    return issue;
  });
}

export async function returnPass(issueId: string, actor: string): Promise<void> {
  await commit(actor, async (w) => {
    const issue = await db.passIssues.get(issueId);
    if (!issue || issue.returnedAt) throw new PassError('pass.notIssued', `hand-out ${issueId} is not open`);
    await w.put('passIssues', { ...issue, returnedAt: w.now, returnedTo: actor, updatedAt: w.now });
    const pass = await db.passes.get(issue.passId);
    // A pass reported lost that turns up again comes back as returned.
    if (pass) {
      requireStep(pass, 'returned', 'it cannot be taken back');
      await w.put('passes', { ...pass, state: 'returned', issueId: null, updatedAt: w.now });
    }
    await w.audit('pass.return', 'pass', issue.passId, `${issue.passNumber} ← ${issue.visitorName}`);
  });
}

/** The open hand-out of a visit, if it holds a pass now: the badge prints its number. */
export function openIssueOf(visitId: string): Promise<PassIssue | undefined> {
  return db.passIssues.where('visitId').equals(visitId).filter((i) => i.returnedAt === null).first();
}
