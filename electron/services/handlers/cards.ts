import type { CARD_METHODS } from '../../../shared/api/cards';
import type { HandlersFor } from '../api-handler';
import type { ServiceContext } from '../service-context';

/** The main side of shared/api/cards.ts. */
export function createCardsHandlers(_ctx: ServiceContext): HandlersFor<typeof CARD_METHODS> {
  return {};
}
