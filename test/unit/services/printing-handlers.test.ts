import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceStatus, EventName } from '../../../shared/api';
import { BADGE_MEDIA, PRINT_ERROR_CODES, type BadgeRequest, type PrintJobView } from '../../../shared/api/printing';
import { MEDIUM_IDS } from '../../../hardware/printer/media';
import { PRINTER_ERROR_CODES, printerMessage } from '../../../hardware/printer/errors';
import { EventHub, type CallContext } from '../../../electron/services/api-handler';
import { createPrintingHandlers } from '../../../electron/services/handlers/printing';
import { SettingsStore } from '../../../electron/services/settings-store';
import { DEFAULT_PRINTING } from '../../../electron/services/printing/settings';
import { TestPrinter } from '../printer/ippeveprinter';
import { run } from '../printer/fixtures';

const CONSOLE: CallContext = { role: 'console' };
const KIOSK: CallContext = { role: 'kiosk' };
let printer: TestPrinter;
let dataDir: string;
let closers: (() => Promise<void> | void)[] = [];
let handlers: ReturnType<typeof createPrintingHandlers>;
const events = new EventHub();
const jobEvents: PrintJobView[] = [];
const deviceEvents: DeviceStatus[][] = [];

function badge(name: string, badgeCode: string): BadgeRequest {
  return {
    visitId: `visit-${badgeCode}`,
    name,
    company: '星河科技',
    hostName: '张三',
    hostDept: '研发部',
    category: 'machineRoom',
    escortRequired: true,
    badgeCode,
    signedInAt: '2026-11-20T01:30:00.000Z',
    expectedEnd: null,
    createdAt: '2026-11-20T01:30:00.000Z',
    photo: null,
    passNumber: '0007',
    requestedBy: 'kiosk',
  };
}

function waitJob(id: string, done: (j: PrintJobView) => boolean, timeoutMs = 30_000): Promise<PrintJobView> {
  return new Promise((resolve, reject) => {
    const hit = jobEvents.find((j) => j.id === id && done(j));
    if (hit) return resolve(hit);
    const timer = setTimeout(() => reject(new Error(`job ${id} did not reach the state; saw ${jobEvents.filter((j) => j.id === id).map((j) => j.state).join(',')}`)), timeoutMs);
    const off = events.tap((name: EventName, payload) => {
      if (name !== 'printing:jobChanged') return;
      const job = payload as PrintJobView;
      if (job.id === id && done(job)) {
        clearTimeout(timer);
        off();
        resolve(job);
      }
    });
  });
}

beforeAll(async () => {
  printer = await TestPrinter.start();
  dataDir = mkdtempSync(join(tmpdir(), 'printing-handlers-'));
  const settings = await SettingsStore.open(dataDir);
  events.tap((name, payload) => {
    if (name === 'printing:jobChanged') jobEvents.push(payload as PrintJobView);
    if (name === 'devices:status') deviceEvents.push(payload as DeviceStatus[]);
  });
  closers = [];
  handlers = createPrintingHandlers({ dataDir, settings, events, onClose: (fn) => closers.push(fn) });
}, 30_000);

afterAll(async () => {
  for (const fn of closers.reverse()) await fn();
  await printer?.stop();
});

describe('printing handlers end to end with a real IPP printer (R-V6, R-X3)', () => {
  it('the contract lists the same media and error codes as the printer module', () => {
    expect([...BADGE_MEDIA]).toEqual([...MEDIUM_IDS]);
    expect([...PRINT_ERROR_CODES]).toEqual([...PRINTER_ERROR_CODES]);
  });

  it('R-X3: nothing configured → the simulated printer writes the badge PDF into dataDir/badges', async () => {
    expect(await handlers['printing:status']({}, CONSOLE)).toEqual({ kind: 'badgePrinter', state: 'simulated', detail: '' });
    const { jobId } = await handlers['printing:printBadge'](badge('陈静怡', 'SIMUL001'), CONSOLE);
    const done = await waitJob(jobId, (j) => j.state === 'done' || j.state === 'failed');
    expect(done.state).toBe('done');
    expect(done.destination).toBe(join(dataDir, 'badges', 'badge-SIMUL001.pdf'));
    const text = run('pdftotext', [done.destination, '-']);
    expect(text).toContain('陈静怡');
    expect(text).toContain('SIMUL001');
  }, 40_000);

  it('issue 5: the desk time zone setting decides the badge times — Beijing and New York for the same sign-in', async () => {
    const printed: Record<string, string> = {};
    for (const [zone, code] of [['Asia/Shanghai', 'TZBJ0001'], ['America/New_York', 'TZNY0001']] as const) {
      await handlers['printing:updateSettings']({ ...DEFAULT_PRINTING, timeZone: zone }, CONSOLE);
      const { jobId } = await handlers['printing:printBadge'](badge('陈静怡', code), CONSOLE);
      const done = await waitJob(jobId, (j) => j.state === 'done' || j.state === 'failed');
      expect(done.state).toBe('done');
      printed[zone] = run('pdftotext', [done.destination, '-']);
    }
    // Signed in at 01:30 UTC on 20 Nov: 09:30 that day in Beijing, 20:30 the evening before in New York.
    expect(printed['Asia/Shanghai']).toContain('2026-11-20 09:30');
    expect(printed['America/New_York']).toContain('2026-11-19 20:30');
    expect(printed['America/New_York']).not.toContain('09:30');
    await handlers['printing:updateSettings']({ ...DEFAULT_PRINTING }, CONSOLE);
  }, 40_000);

  it('printBadge returns the job id at once → job done → the PDF in the printer spool has the name and pass number', async () => {
    await handlers['printing:updateSettings']({ ...DEFAULT_PRINTING, output: 'ipp', ippUri: printer.uri }, CONSOLE);
    const { jobId } = await handlers['printing:printBadge'](badge('Anna Schmidt', 'IPPDONE1'), CONSOLE);
    // Nothing blocks the sign-in: the call returns while the job is still queued or rendering.
    const right = (await handlers['printing:jobs']({ limit: 10 }, CONSOLE)).find((j) => j.id === jobId);
    expect(right?.state).toMatch(/^(queued|printing)$/);
    const done = await waitJob(jobId, (j) => j.state === 'done' || j.state === 'failed');
    expect(done.state).toBe('done');
    expect(done.visitId).toBe('visit-IPPDONE1');
    // The kiosk sees the state of its job and nothing about anyone else's.
    expect(await handlers['printing:jobState']({ jobId }, KIOSK)).toEqual({ id: jobId, state: 'done', errorCode: null });
    const jobs = await handlers['printing:jobs']({ limit: 10 }, CONSOLE);
    expect(jobs[0]?.id).toBe(jobId);
    const file = await findSpooled('IPPDONE1');
    const text = run('pdftotext', [file, '-']);
    expect(text).toContain('Anna Schmidt');
    expect(text).toContain('0007');
  }, 40_000);

  it('R-X3: printer stopped → job failed with the offline message and device status offline; back → retried and printed', async () => {
    await printer.stop();
    const { jobId } = await handlers['printing:printBadge'](badge('王小明', 'OFFLINE1'), CONSOLE);
    const failed = await waitJob(jobId, (j) => j.state === 'failed');
    expect(failed.error?.code).toBe('offline');
    expect(failed.error?.message).toBe(printerMessage('offline'));
    // The queue waits (30 s) before it tries by itself: the console's reprint is the way back.
    expect(failed.retryAt).not.toBeNull();
    expect(await handlers['printing:jobState']({ jobId }, KIOSK)).toEqual({ id: jobId, state: 'failed', errorCode: 'offline' });
    expect(deviceEvents.at(-1)).toEqual([{ kind: 'badgePrinter', state: 'disconnected', detail: 'offline' }]);
    expect(await handlers['printing:status']({}, CONSOLE)).toMatchObject({ state: 'disconnected', detail: 'offline' });
    const listed = await handlers['printing:jobs']({ limit: 10 }, CONSOLE);
    expect(listed.find((j) => j.id === jobId)?.state).toBe('failed');

    await printer.start();
    const retried = await handlers['printing:retry']({ jobId }, CONSOLE);
    expect(retried.state).toBe('queued');
    const done = await waitJob(jobId, (j) => j.state === 'done', 30_000);
    expect(done.attempts).toBe(2);
    expect(deviceEvents.at(-1)).toEqual([{ kind: 'badgePrinter', state: 'connected', detail: '' }]);
    expect(run('pdftotext', [await findSpooled('OFFLINE1'), '-'])).toContain('王小明');
  }, 60_000);

  it('discovery answers with queues or says why there are none', async () => {
    const found = await handlers['printing:discover']({}, CONSOLE);
    expect(found.queues.length > 0 || ['noCups', 'cupsDown', 'noQueues'].includes(found.note)).toBe(true);
  });
});

/** The PDF ippeveprinter kept, by job name (lower-cased by it); the view does not carry the IPP job id. */
async function findSpooled(code: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const walk = (dir: string): string | undefined => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          const inner = walk(p);
          if (inner) return inner;
        } else if (e.name.includes(code.toLowerCase()) && e.name.endsWith('.pdf')) return p;
      }
      return undefined;
    };
    const hit = walk(printer.spool);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no spooled PDF for ${code}`);
}
