import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PrintJobView } from '../../../shared/api/printing';
import { PrinterError } from '../../../hardware/printer/errors';
import { MEDIA, MEDIUM_IDS } from '../../../hardware/printer/media';
import {
  SystemPrintClient,
  failureToError,
  isSystemPrintMessage,
  printOptions,
  serveSystemPrint,
  type SystemPrintAdapter,
  type SystemPrinterInfo,
} from '../../../hardware/printer/system-print';
import { EventHub } from '../../../electron/services/api-handler';
import { PrintingService } from '../../../electron/services/printing/printing-service';
import { DEFAULT_PRINTING } from '../../../electron/services/printing/settings';
import { pdfPageMm, run } from './fixtures';

/**
 * The system print seam (issue 5): the services' client and the main
 * process's server, joined here by a structured-clone "port" (what Electron's
 * parent port does between processes). The adapter stands in for the
 * Electron half — webContents.print on a hidden window — which cannot run
 * without an Electron binary; it records what it would print.
 */

interface Printed {
  pdf: Buffer;
  options: ReturnType<typeof printOptions>;
}

function fakeMain(answer: (p: Printed) => { success: boolean; failureReason: string }, printers: SystemPrinterInfo[] = []): { adapter: SystemPrintAdapter; printed: Printed[] } {
  const printed: Printed[] = [];
  return {
    printed,
    adapter: {
      print: async (pdf, options) => {
        printed.push({ pdf, options });
        return answer({ pdf, options });
      },
      printers: async () => printers,
    },
  };
}

/** Wire a client to serveSystemPrint as services-host.ts and main.ts do, with messages cloned both ways. */
function linked(adapter: SystemPrintAdapter, timeoutMs?: number): SystemPrintClient {
  const client = new SystemPrintClient(timeoutMs);
  client.connect((message) => {
    const sent: unknown = structuredClone(message);
    expect(isSystemPrintMessage(sent)).toBe(true);
    void serveSystemPrint(sent, adapter).then((reply) => reply && client.receive(structuredClone(reply)));
  });
  return client;
}

const PDF = Buffer.from('%PDF-1.4 badge');
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

describe('system print hand-off (services → main process)', () => {
  it('print options: silent, the named printer, the label size in microns, no margins (hardware.md 3.1)', () => {
    const opts = printOptions({ kind: 'systemPrint', id: 1, deviceName: 'Brother_QL_820NWB', jobName: 'b', pdfBase64: 'eA==', widthMicrons: 62000, heightMicrons: 100000 });
    expect(opts).toEqual({
      silent: true,
      deviceName: 'Brother_QL_820NWB',
      printBackground: true,
      color: false,
      margins: { marginType: 'none' },
      pageSize: { width: 62000, height: 100000 },
      copies: 1,
    });
  });

  for (const id of MEDIUM_IDS) {
    it(`R-V6: a ${id} job reaches main with its PDF intact and the medium's size in microns`, async () => {
      const main = fakeMain(() => ({ success: true, failureReason: '' }));
      const client = linked(main.adapter);
      const receipt = await client.print(PDF, MEDIA[id], 'DYMO_LabelWriter_450', `badge-${id}`);
      expect(receipt).toEqual({ jobId: null, media: null });
      expect(main.printed).toHaveLength(1);
      expect(main.printed[0]?.pdf.equals(PDF)).toBe(true);
      expect(main.printed[0]?.options.deviceName).toBe('DYMO_LabelWriter_450');
      expect(main.printed[0]?.options.pageSize).toEqual({ width: Math.round(MEDIA[id].widthMm * 1000), height: Math.round(MEDIA[id].heightMm * 1000) });
    });
  }

  it('R-X3: Electron failure reasons map to the queue codes: bad printer → rejected, failed job → offline (retried)', async () => {
    expect(failureToError('Invalid printer settings').code).toBe('rejected');
    expect(failureToError('Print job canceled').code).toBe('rejected');
    expect(failureToError('Print job failed').code).toBe('offline');
    const client = linked(fakeMain(() => ({ success: false, failureReason: 'Invalid printer settings' })).adapter);
    const err = await client.print(PDF, MEDIA.ql62, 'Nope', 'b').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect(err).toMatchObject({ code: 'rejected', detail: 'Invalid printer settings' });
  });

  it('a main process that throws, or a malformed request, answers with a failure instead of leaving the job waiting', async () => {
    const throwing: SystemPrintAdapter = { print: () => Promise.reject(new Error('window crashed')), printers: () => Promise.reject(new Error('no GPU')) };
    await expect(linked(throwing).print(PDF, MEDIA.ql62, 'Q', 'b')).rejects.toMatchObject({ code: 'offline', detail: 'window crashed' });
    await expect(linked(throwing).printers()).rejects.toMatchObject({ code: 'offline', detail: 'no GPU' });
    const bad = await serveSystemPrint({ kind: 'systemPrint', id: 7, deviceName: '', jobName: 'b', pdfBase64: 'eA==', widthMicrons: 10, heightMicrons: 10 }, throwing);
    expect(bad).toMatchObject({ kind: 'systemPrintReply', id: 7, success: false });
    expect(await serveSystemPrint({ kind: 'systemPrint' }, throwing)).toBeNull();
    expect(await serveSystemPrint('hello', throwing)).toBeNull();
  });

  it('no answer from main → timeout (retried by the queue); a late answer is ignored', async () => {
    let late: (() => void) | undefined;
    const slow: SystemPrintAdapter = {
      print: () => new Promise((resolve) => (late = () => resolve({ success: true, failureReason: '' }))),
      printers: async () => [],
    };
    const client = linked(slow, 50);
    await expect(client.print(PDF, MEDIA.ql62, 'Q', 'b')).rejects.toMatchObject({ code: 'timeout' });
    late?.();
  });

  it('unconnected (browser build, tests): refused at once as offline with the reason; no printer name → rejected', async () => {
    const client = new SystemPrintClient();
    await expect(client.print(PDF, MEDIA.ql62, 'Q', 'b')).rejects.toMatchObject({ code: 'offline', detail: expect.stringContaining('desktop app') });
    const wired = linked(fakeMain(() => ({ success: true, failureReason: '' })).adapter);
    await expect(wired.print(PDF, MEDIA.ql62, '', 'b')).rejects.toMatchObject({ code: 'rejected' });
  });

  it('API and event messages on the same port are not taken for system print replies', () => {
    const client = new SystemPrintClient();
    expect(client.receive({ id: 3, result: { ok: true } })).toBe(false);
    expect(client.receive({ event: 'printing:jobChanged', payload: {} })).toBe(false);
    expect(client.receive({ id: 3, role: 'console', channel: 'printing:jobs', payload: {} })).toBe(false);
  });

  it('issue 5: the printing service with output "system" renders the badge and hands main a PDF of the medium size; the printer list comes from main', async () => {
    const main = fakeMain(() => ({ success: true, failureReason: '' }), [{ name: 'Brother_QL_820NWB', displayName: 'Brother QL-820NWB', description: '' }]);
    const dataDir = mkdtempSync(join(tmpdir(), 'system-print-'));
    const events = new EventHub();
    const service = await PrintingService.open({ dataDir, events, systemPrint: linked(main.adapter), statusPollMs: 0 });
    closers.push(() => service.close());
    expect(await service.systemPrinters()).toEqual({ printers: [{ name: 'Brother_QL_820NWB', displayName: 'Brother QL-820NWB', description: '' }], note: '' });
    await service.updateSettings({ ...DEFAULT_PRINTING, output: 'system', systemPrinter: 'Brother_QL_820NWB', medium: 'dymo54x101' });
    const done = new Promise<PrintJobView>((resolve) =>
      events.tap((name, payload) => {
        const job = payload as PrintJobView;
        if (name === 'printing:jobChanged' && (job.state === 'done' || job.state === 'failed')) resolve(job);
      }),
    );
    service.printBadge({
      visitId: 'v1', name: '陈静怡', company: '星河科技', hostName: '张三', hostDept: '研发部', category: 'business', escortRequired: false,
      badgeCode: 'SYSPRN01', signedInAt: '2026-11-20T01:30:00.000Z', expectedEnd: null, createdAt: '2026-11-20T01:30:00.000Z',
      photo: null, passNumber: null, requestedBy: 'kiosk',
    });
    const job = await done;
    expect(job).toMatchObject({ state: 'done', destination: 'system:Brother_QL_820NWB' });
    const file = join(dataDir, 'handed-over.pdf');
    writeFileSync(file, main.printed[0]?.pdf ?? Buffer.alloc(0));
    const page = pdfPageMm(file);
    expect(Math.abs(page.width - 54)).toBeLessThan(0.5);
    expect(Math.abs(page.height - 101)).toBeLessThan(0.5);
    expect(run('pdftotext', [file, '-'])).toContain('SYSPRN01');
    const browserBuild = await PrintingService.open({ dataDir: mkdtempSync(join(tmpdir(), 'system-print-')), events, systemPrint: new SystemPrintClient(), statusPollMs: 0 });
    closers.push(() => browserBuild.close());
    expect(await browserBuild.systemPrinters()).toEqual({ printers: [], note: 'noDesktop' });
  }, 40_000);
});
