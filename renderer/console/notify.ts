import type { Visit } from '../../shared/domain/visit';
import { call } from '../transport/api';

/**
 * Asks the main side to reach the host by mail and chat as well (R-V5). The
 * console alert with the extension already exists in Dexie, so a failure here
 * is logged, not shown: the desk still rings the extension.
 */
export function notifyHost(visit: Visit): void {
  call('visits:notifyHost', {
    visitId: visit.id,
    hostId: visit.hostId,
    hostName: visit.hostName,
    hostExt: visit.hostExt,
    visitorName: visit.name,
    company: visit.company,
  }).catch((err: unknown) => {
    void call('app:log', { level: 'warn', message: `notifyHost failed: ${String(err)}` }).catch(() => undefined);
  });
}
