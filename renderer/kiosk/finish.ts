import { NDA_CATEGORIES } from '../../shared/domain/visit';
import { cleanVisitor, validateFields, type DraftField } from '../../shared/domain/visitor-input';
import { signIn } from '../db/visits';
import { hasMessage, type MessageKey } from '../i18n';
import { call } from '../transport/api';
import { startBadgePrint } from './badge-print';
import { useKiosk, type KioskProblem } from './store';

/** The input each draft field is typed into, so the summary can point at it. */
export const INPUT_ID: Partial<Record<DraftField, string>> = {
  name: 'k-name',
  phone: 'k-phone',
  company: 'k-company',
  category: 'k-category-business',
  purpose: 'k-purpose',
  hostId: 'k-host-query',
  idNumber: 'k-id-number',
  consent: 'k-consent',
  ndaSignature: 'k-signature',
};

/** Validates the step's fields; shows the problems and returns false when there are any (K13). */
export function checkStep(fields: readonly DraftField[]): boolean {
  const { draft, setProblems } = useKiosk.getState();
  const problems: KioskProblem[] = validateFields(draft, fields).map((p): { inputId: string; message: MessageKey } => {
    // Problem codes name the catalogue's `field.<field>.<problem>` keys (common.ts).
    // common.ts words `field.idNumber.format` for the resident ID; a passport needs its own.
    if (p.field === 'idNumber' && p.problem === 'format' && draft.idType === 'passport') {
      return { inputId: 'k-id-number', message: 'kiosk.id.passportFormat' };
    }
    const key = `field.${p.field}.${p.problem}`;
    return { inputId: INPUT_ID[p.field] ?? `k-${p.field}`, message: hasMessage(key) ? key : 'error.summary' };
  });
  setProblems(problems);
  return problems.length === 0;
}

export function log(message: string): void {
  void call('app:log', { level: 'warn', message }).catch(() => undefined);
}

/** After the identity step (or the appointment's confirm): the NDA if the category needs it, else sign in. */
export function afterIdentity(): void {
  const { draft, go } = useKiosk.getState();
  if (draft.category && NDA_CATEGORIES.has(draft.category)) go('nda');
  else void finishSignIn();
}

/**
 * Signs the visitor in. Anything the visitor cannot fix (watch list, a
 * record that does not validate, a storage failure) ends on the neutral
 * reception page (K14), never an error message.
 */
let signingIn = false;

export async function finishSignIn(): Promise<void> {
  // A double tap on the last Continue must not sign the visitor in twice.
  if (signingIn) return;
  signingIn = true;
  try {
    await signInOnce();
  } finally {
    signingIn = false;
  }
}

async function signInOnce(): Promise<void> {
  const { draft, appointment, toReception, set, go } = useKiosk.getState();
  const clean = cleanVisitor(draft);
  if (!clean.ok) {
    log(`kiosk sign-in: draft did not validate (${clean.problems.map((p) => `${p.field}.${p.problem}`).join(', ')})`);
    toReception();
    return;
  }
  try {
    const outcome = await signIn({ visitor: clean.value, appointment, actor: 'kiosk' });
    if (outcome.kind === 'seeReception') {
      toReception();
      return;
    }
    const v = outcome.visit;
    set({ visit: v });
    go('done');
    // After the commit, never before: a badge for a visit that was not saved must not exist.
    startBadgePrint(v, log);
    // Fire and forget: a notification failure must never hold the visitor up.
    call('visits:notifyHost', { visitId: v.id, hostId: v.hostId, hostName: v.hostName, hostExt: v.hostExt, visitorName: v.name, company: v.company }).catch(
      (err: unknown) => log(`kiosk notifyHost failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  } catch (err) {
    log(`kiosk sign-in failed: ${err instanceof Error ? err.message : String(err)}`);
    toReception();
  }
}
