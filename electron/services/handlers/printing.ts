import type { PRINTING_METHODS } from '../../../shared/api/printing';
import type { HandlersFor } from '../api-handler';
import type { ServiceContext } from '../service-context';

/** The main side of shared/api/printing.ts. */
export function createPrintingHandlers(_ctx: ServiceContext): HandlersFor<typeof PRINTING_METHODS> {
  return {};
}
