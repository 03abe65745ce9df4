import type { SYNC_METHODS } from '../../../shared/api/sync';
import type { HandlersFor } from '../api-handler';
import type { ServiceContext } from '../service-context';

/** The main side of shared/api/sync.ts. */
export function createSyncHandlers(_ctx: ServiceContext): HandlersFor<typeof SYNC_METHODS> {
  return {};
}
