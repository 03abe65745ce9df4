import type { ServiceContext } from '../service-context';
import { PrintingService } from './printing-service';

const open = new WeakMap<ServiceContext, Promise<PrintingService>>();

/**
 * One print queue per services process: badges (printing handlers) and card
 * faces (cards handlers) share it, so jobs go out in order and the console's
 * job list shows both. Opened on first use, closed with the services.
 */
export function printingServiceFor(ctx: ServiceContext): Promise<PrintingService> {
  let service = open.get(ctx);
  if (!service) {
    const opening = PrintingService.open({ dataDir: ctx.dataDir, events: ctx.events });
    service = opening;
    open.set(ctx, opening);
    ctx.onClose(async () => (await opening).close());
  }
  return service;
}
