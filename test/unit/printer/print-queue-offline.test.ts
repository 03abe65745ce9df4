import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumBadgeRenderer } from '../../../hardware/printer/chromium-renderer';
import { printerMessage } from '../../../hardware/printer/errors';
import { IppBadgePrinter } from '../../../hardware/printer/ipp-printer';
import { ippOutput } from '../../../hardware/printer/outputs';
import { PrintQueue } from '../../../hardware/printer/print-queue';
import { freePort, TestPrinter } from './ippeveprinter';
import { CHINESE_NAME, ManualClock, run, spooledPdf, testBadge, waitForJob } from './fixtures';

let printer: TestPrinter;
let renderer: ChromiumBadgeRenderer;

beforeAll(async () => {
  printer = await TestPrinter.start();
  renderer = new ChromiumBadgeRenderer();
}, 30_000);

afterAll(async () => {
  await renderer?.close();
  await printer?.stop();
});

describe('print queue against a real IPP printer that goes away (R-X3)', () => {
  it('R-X3: printer stopped mid-queue → job fails with the offline message; printer back on the same port → the queued job prints', async () => {
    const clock = new ManualClock();
    const ipp = new IppBadgePrinter({ uri: printer.uri, timeoutMs: 5_000 });
    const queue = new PrintQueue(ippOutput(renderer, ipp), { clock, backOffMs: () => 1_000 });
    const states: string[] = [];
    queue.on((job) => states.push(`${job.jobName}:${job.state}`));

    const first = queue.enqueue(testBadge(CHINESE_NAME, { badgeCode: 'FIRST111' }), 'ql62x100');
    // enqueue returns at once: nothing has happened to the job yet.
    expect(first.state).toBe('queued');
    const printed = await waitForJob(queue, first.id, (j) => j.state === 'done');
    expect(printed.receipt?.jobId).toBeTypeOf('number');

    await printer.stop();
    const second = queue.enqueue(testBadge('Anna Schmidt', { badgeCode: 'SECOND22' }), 'ql62x100');
    const failed = await waitForJob(queue, second.id, (j) => j.state === 'failed');
    expect(failed.error?.code).toBe('offline');
    expect(failed.error?.message).toBe(printerMessage('offline'));
    expect(failed.error?.message).toMatch(/not answering.*switched on/);
    expect(failed.retryAt).toBe(1_000);

    await printer.start();
    clock.advance(1_000);
    const done = await waitForJob(queue, second.id, (j) => j.state === 'done');
    expect(done.attempts).toBe(2);
    const file = await spooledPdf(printer.spool, done.receipt?.jobId ?? -1, 'SECOND22');
    expect(run('pdftotext', [file, '-'])).toContain('Anna Schmidt');
    expect(states.filter((s) => s.startsWith('badge-SECOND22'))).toEqual([
      'badge-SECOND22:queued',
      'badge-SECOND22:printing',
      'badge-SECOND22:failed',
      'badge-SECOND22:queued',
      'badge-SECOND22:printing',
      'badge-SECOND22:done',
    ]);
    queue.dispose();
  }, 45_000);

  it('R-X3: no printer at the address → offline error, not a hang', async () => {
    const ipp = new IppBadgePrinter({ uri: `ipp://127.0.0.1:${await freePort()}/ipp/print`, timeoutMs: 2_000 });
    await expect(ipp.status()).rejects.toMatchObject({ code: 'offline' });
  });

  it('R-X3: printer-state-reasons are read over IPP', async () => {
    const ipp = new IppBadgePrinter({ uri: printer.uri, timeoutMs: 5_000 });
    const status = await ipp.status();
    expect(['idle', 'processing']).toContain(status.state);
    expect(status.acceptingJobs).toBe(true);
  });
});
