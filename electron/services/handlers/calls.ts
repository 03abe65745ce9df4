import type { CALL_METHODS } from '../../../shared/api/calls';
import type { HandlersFor } from '../api-handler';
import { log } from '../log';
import { PbxService } from '../pbx/pbx-service';
import type { PbxServiceOptions } from '../pbx/pbx-service';
import type { ServiceContext } from '../service-context';

/**
 * The main side of shared/api/calls.ts. The PBX service starts at once (so
 * calls are journaled with no window open); handlers wait for its first start.
 */
export function createCallsHandlers(ctx: ServiceContext, options: Partial<PbxServiceOptions> = {}): HandlersFor<typeof CALL_METHODS> {
  const pbx = new PbxService({ ...options, dataDir: ctx.dataDir, events: ctx.events });
  const ready = pbx.start().catch((err: unknown) => {
    log.error('the PBX service failed to start', err);
  });
  ctx.onClose(async () => {
    await ready;
    await pbx.stop();
  });
  return {
    'calls:status': async () => {
      await ready;
      return pbx.getStatus();
    },
    'calls:since': async ({ afterSeq, limit }) => {
      await ready;
      return pbx.since(afterSeq, limit);
    },
    'calls:listPorts': async () => pbx.listPorts(),
    'calls:getSettings': async () => {
      await ready;
      return pbx.getSettings();
    },
    'calls:updateSettings': async (next) => {
      await ready;
      return pbx.updateSettings(next);
    },
    'calls:preview': async ({ format, dateOrder, customLayout, lines }) => {
      await ready;
      return pbx.preview(format, dateOrder, customLayout, lines);
    },
  };
}
