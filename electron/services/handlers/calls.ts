import type { CALL_METHODS } from '../../../shared/api/calls';
import type { HandlersFor } from '../api-handler';
import type { ServiceContext } from '../service-context';

/** The main side of shared/api/calls.ts. */
export function createCallsHandlers(_ctx: ServiceContext): HandlersFor<typeof CALL_METHODS> {
  return {};
}
