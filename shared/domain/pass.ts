/**
 * Machine-room visitor passes (访客证, R-P1…R-P3): numbered physical passes
 * kept at the desk, handed out only when a company employee signs for them
 * (签字领用), and reconciled every working morning at 09:00 with the machine
 * room's duty guard on the handover sheet (交接表).
 */
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

/**
 * `returned` is back at the desk but not yet seen on a handover sheet; it can
 * be issued again. `retired` passes stay listed so old records still resolve.
 */
export const PASS_STATES = ['inStock', 'issued', 'returned', 'lost', 'retired'] as const;
export type PassState = (typeof PASS_STATES)[number];

/**
 * Where a pass may go from each state (the desk's steps in renderer/db/passes.ts
 * and handover.ts). The hub refuses a synced change outside this table, so two
 * desks cannot both hand out the same pass, and a retired pass stays retired.
 */
export const PASS_TRANSITIONS: Readonly<Record<PassState, readonly PassState[]>> = {
  inStock: ['issued', 'lost', 'retired'],
  issued: ['returned', 'lost'],
  // Back at the desk: out again, or checked on the handover sheet (inStock).
  returned: ['issued', 'inStock', 'lost', 'retired'],
  // A lost pass that turns up comes back as returned.
  lost: ['returned', 'retired'],
  retired: [],
};

export function canPassTransition(from: PassState, to: PassState): boolean {
  return from === to || PASS_TRANSITIONS[from].includes(to);
}

/** Pass numbers as printed on the card: digits, zero-padded ("0042"). */
export const PASS_NUMBER = /^\d{1,8}$/;

export function formatPassNumber(n: string | number): string {
  return String(n).trim().padStart(4, '0');
}

export const passSchema = z.object({
  id: z.string(),
  number: z.string().regex(PASS_NUMBER),
  state: z.enum(PASS_STATES),
  /** The open issue while the pass is out. */
  issueId: z.string().nullable(),
  lostAt: isoTime.nullable(),
  lostBy: z.string().nullable(),
  lostNote: z.string().max(200).nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Pass = z.infer<typeof passSchema>;

/** One hand-out: who signed for the pass, for which visit, out and back. */
export const passIssueSchema = z.object({
  id: z.string(),
  passId: z.string(),
  passNumber: z.string(),
  visitId: z.string(),
  visitorName: z.string(),
  /** The company employee who signed for the pass (签字领用). */
  employeeName: z.string().min(1).max(64),
  /** Employee card number typed or scanned, when that was the proof. */
  employeeCard: z.string().max(64).nullable(),
  /** PNG data URL of the on-screen signature, when that was the proof. */
  signature: z.string().nullable(),
  issuedAt: isoTime,
  issuedBy: z.string(),
  returnedAt: isoTime.nullable(),
  returnedTo: z.string().nullable(),
  /** The local day (YYYY-MM-DD) of issuedAt: the handover sheet it belongs to. */
  day: z.iso.date(),
  updatedAt: isoTime,
});
export type PassIssue = z.infer<typeof passIssueSchema>;

export const handoverSheetSchema = z.object({
  id: z.string(),
  /** The working day checked (the previous one at 09:00; Friday's on Monday). */
  day: z.iso.date(),
  /**
   * Assigned here as provisional ("临-20261120-3f2a"); the hub assigns the
   * final register number when it receives the sheet, and sets `finalNumber`.
   */
  number: z.string(),
  finalNumber: z.string().nullable(),
  issuedNumbers: z.array(z.string()),
  returnedNumbers: z.array(z.string()),
  outNumbers: z.array(z.string()),
  /** What the duty guard's machine-room log shows for that day. */
  guardNumbers: z.array(z.string()),
  mismatch: z.boolean(),
  explanation: z.string().max(1000),
  receptionistName: z.string().min(1).max(64),
  receptionistSignature: z.string().min(1),
  guardName: z.string().min(1).max(64),
  guardSignature: z.string().min(1),
  signedAt: isoTime,
  printedAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type HandoverSheet = z.infer<typeof handoverSheetSchema>;

/** Numbers typed as "1, 3, 0007" or "1 3 7": normalised, de-duplicated, sorted. */
export function parsePassNumbers(text: string): string[] {
  const parts = text.split(/[\s,，、;；]+/).map((p) => p.trim()).filter(Boolean);
  return [...new Set(parts.filter((p) => PASS_NUMBER.test(p)).map(formatPassNumber))].sort();
}

/** "1-5, 9" → 0001…0005, 0009; ranges are capped so a typo cannot add thousands. */
export function expandNumbers(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[\s,，、;；]+/).filter(Boolean)) {
    const range = /^(\d{1,8})\s*[-–~]\s*(\d{1,8})$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      for (let n = from; n <= to && n - from < 500; n++) out.push(formatPassNumber(n));
    } else out.push(...parsePassNumbers(part));
  }
  return [...new Set(out)];
}

/** The desk's record and the guard's log differ (错漏): in either direction. */
export function numbersDiffer(desk: readonly string[], guard: readonly string[]): { missingAtGuard: string[]; unknownToDesk: string[] } {
  const g = new Set(guard);
  const d = new Set(desk);
  return { missingAtGuard: desk.filter((n) => !g.has(n)), unknownToDesk: guard.filter((n) => !d.has(n)) };
}

export class PassError extends Error {
  override readonly name = 'PassError';
  constructor(
    readonly code: 'pass.notAvailable' | 'pass.notIssued' | 'pass.duplicate' | 'pass.noSignature' | 'pass.explainMismatch' | 'pass.unknown',
    message: string,
  ) {
    super(message);
  }
}
