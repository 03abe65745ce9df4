import type { PRINTING_METHODS } from '../../../shared/api/printing';
import type { HandlersFor } from '../api-handler';
import { discoverQueues } from '../printing/discover';
import { sendEscalationMail } from '../printing/escalation-mail';
import { printingServiceFor } from '../printing/shared';
import type { ServiceContext } from '../service-context';

/**
 * The main side of shared/api/printing.ts. The service opens once (it reads
 * its settings file); every handler waits for that, so a call that arrives
 * during start-up is served, not refused. Chromium starts on the first badge.
 */
export function createPrintingHandlers(ctx: ServiceContext): HandlersFor<typeof PRINTING_METHODS> {
  const service = printingServiceFor(ctx);
  return {
    'printing:printBadge': async (req) => ({ jobId: (await service).printBadge(req) }),
    'printing:jobs': async ({ limit }) => (await service).jobs(limit),
    'printing:jobState': async ({ jobId }) => (await service).jobState(jobId),
    'printing:retry': async ({ jobId }) => (await service).retry(jobId),
    'printing:status': async () => (await service).deviceStatus,
    'printing:getSettings': async () => (await service).settings,
    'printing:updateSettings': async (next) => (await service).updateSettings(next),
    'printing:discover': async () => discoverQueues(),
    'printing:systemPrinters': async () => (await service).systemPrinters(),
    'passes:sendEscalationMail': async (mail) => sendEscalationMail((await service).settings, mail),
  };
}
