import { EMPTY_DRAFT } from '../../shared/domain/visitor-input';
import { findUsableAppointment } from '../db/kiosk-queries';
import { signOutByBadge } from '../db/visits';
import { log } from './finish';
import { useKiosk } from './store';

/** Looks up the typed or scanned appointment code (R-V3); a field error when it is not usable. */
export async function submitCode(): Promise<void> {
  const { code, setProblems, go, patch, set } = useKiosk.getState();
  if (!code.trim()) {
    setProblems([{ inputId: 'k-code', message: 'kiosk.code.empty' }]);
    return;
  }
  const found = await findUsableAppointment(code);
  if (!found) {
    setProblems([{ inputId: 'k-code', message: 'kiosk.code.notFound' }]);
    return;
  }
  const a = found.appointment;
  patch({ ...EMPTY_DRAFT, name: a.name, company: a.company, phone: a.phone, category: a.category, purpose: a.purpose, hostId: a.hostId, idType: a.idType, idNumber: a.idNumber });
  set({ appointment: a });
  go('appointment');
}

/** Signs out by the typed or scanned badge code (R-V8); a field error when no open visit has it. */
export async function submitBadge(): Promise<void> {
  const { badgeCode, setProblems, go, set, toReception } = useKiosk.getState();
  if (!badgeCode.trim()) {
    setProblems([{ inputId: 'k-badge', message: 'kiosk.signOut.empty' }]);
    return;
  }
  try {
    const visit = await signOutByBadge(badgeCode, 'kiosk');
    if (!visit) {
      setProblems([{ inputId: 'k-badge', message: 'kiosk.signOut.notFound' }]);
      return;
    }
    set({ visit, badgeCode: '' });
    go('survey');
  } catch (err) {
    log(`kiosk sign-out failed: ${err instanceof Error ? err.message : String(err)}`);
    toReception();
  }
}
