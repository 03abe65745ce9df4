import type { CARD_METHODS, EncoderStatus } from '../../../shared/api/cards';
import type { HandlersFor } from '../api-handler';
import { accessFiles, evidenceFiles } from '../cards/access-export';
import { uploadHolders } from '../cards/access-upload';
import { CardEncoderService } from '../cards/encoder-service';
import { CardServiceError } from '../cards/errors';
import { sendRevocationMail } from '../cards/revocation-mail';
import { evidenceHtml, evidencePdf } from '../cards/evidence-pdf';
import { CardSettingsFile } from '../cards/settings';
import { printingServiceFor } from '../printing/shared';
import { doorLogRows } from '../cards/door-log-xlsx';
import type { ServiceContext } from '../service-context';

/** The card encoder's entry on the status strip (C10, R-X3). */
function stripEntry(s: EncoderStatus): {
  kind: 'cardEncoder';
  state: 'simulated' | 'connected' | 'disconnected';
  detail: string;
} {
  return {
    kind: 'cardEncoder',
    state: s.state,
    detail: s.choice === 'emulator' ? `emulator:${s.medium}` : s.product || s.choice,
  };
}

/**
 * The main side of shared/api/cards.ts. Settings are read once at start-up;
 * every handler waits for that, so a call during start-up is served.
 */
export function createCardsHandlers(ctx: ServiceContext): HandlersFor<typeof CARD_METHODS> {
  const ready = (async () => {
    const file = await CardSettingsFile.open(ctx.dataDir);
    const encoder = new CardEncoderService({
      settings: () => file.settings,
      onStatus: (s) => {
        ctx.events.emit('devices:status', [stripEntry(s)]);
        ctx.events.emit('cards:deviceChanged', s);
      },
    });
    ctx.onClose(() => encoder.close());
    return { file, encoder };
  })();
  return {
    'cards:encode': async (payload) => (await ready).encoder.encode(payload),
    'cards:read': async () => (await ready).encoder.read(),
    'cards:status': async () => (await ready).encoder.status,
    'cards:simulateFault': async ({ fault }) => {
      const status = (await ready).encoder.simulateFault(fault);
      if (!status) throw new CardServiceError('notEmulator');
      return status;
    },
    'cards:printCard': async ({ requestedBy, cardId: _cardId, ...face }) => {
      const printerUri = (await ready).file.settings.cardPrinterUri;
      if (!printerUri) throw new CardServiceError('noCardPrinter');
      const service = await printingServiceFor(ctx);
      return { jobId: service.printIdCard({ ...face, printerUri }, requestedBy), printer: printerUri };
    },
    'cards:printJob': async ({ jobId }) => {
      const service = await printingServiceFor(ctx);
      const job = service.jobState(jobId);
      return { state: job?.state ?? 'unknown', message: service.jobError(jobId) };
    },
    'cards:readDoorLog': async ({ xlsxBase64 }) => ({
      rows: await doorLogRows(Buffer.from(xlsxBase64, 'base64')),
    }),
    'cards:getSettings': async () => (await ready).file.settings,
    'cards:updateSettings': async (next) => {
      const { file, encoder } = await ready;
      const before = file.settings;
      const saved = await file.save(next);
      if (before.encoder !== saved.encoder || before.emulatedMedium !== saved.emulatedMedium)
        await encoder.reconfigure();
      return saved;
    },
    'cards:exportAccess': async ({ holders }) => accessFiles(holders),
    'cards:upload': async ({ holders }) =>
      uploadHolders((await ready).file.settings.webhookUrl, holders),
    'cards:sendRevocationMail': async (mail) =>
      sendRevocationMail((await ready).file.settings, mail),
    'cards:exportEvidence': async ({ rows }) => evidenceFiles(rows),
    'cards:exportEvidencePdf': async ({ from, to, rows }) => ({
      pdfBase64: (
        await evidencePdf(evidenceHtml(from, to, rows, ctx.settings.settings.companyName))
      ).toString('base64'),
    }),
  };
}
