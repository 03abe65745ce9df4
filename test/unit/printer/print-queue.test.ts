import { describe, expect, it } from 'vitest';
import { PrinterError } from '../../../hardware/printer/errors';
import { exponentialBackOff, PrintQueue, type BadgeOutput } from '../../../hardware/printer/print-queue';
import { ManualClock, testBadge, waitForJob } from './fixtures';

/** An output that fails with the given codes in turn, then succeeds. */
function scripted(failures: PrinterError[]): BadgeOutput & { calls: number } {
  const out = {
    calls: 0,
    print: async () => {
      out.calls++;
      const failure = failures.shift();
      if (failure) throw failure;
      return { jobId: out.calls };
    },
  };
  return out;
}

describe('print queue', () => {
  it('enqueue returns at once with a queued job; the job then prints', async () => {
    const queue = new PrintQueue(scripted([]), { clock: new ManualClock() });
    const job = queue.enqueue(testBadge('Anna'), 'ql62');
    expect(job.state).toBe('queued');
    expect((await waitForJob(queue, job.id, (j) => j.state === 'done')).receipt).toEqual({ jobId: 1 });
  });

  it('R-X3: out of labels → failed with the mediaEmpty message, retried after back-off, then done', async () => {
    const clock = new ManualClock();
    const output = scripted([new PrinterError('mediaEmpty'), new PrinterError('mediaEmpty')]);
    const queue = new PrintQueue(output, { clock, backOffMs: (n) => n * 1_000 });
    const job = queue.enqueue(testBadge('Anna'), 'ql62');
    const failed = await waitForJob(queue, job.id, (j) => j.state === 'failed');
    expect(failed.error?.message).toMatch(/out of labels/);
    expect(failed.retryAt).toBe(1_000);
    clock.advance(999);
    expect(queue.get(job.id)?.state).toBe('failed');
    clock.advance(1);
    const again = await waitForJob(queue, job.id, (j) => j.state === 'failed' && j.attempts === 2);
    expect(again.retryAt).toBe(1_000 + 2_000);
    clock.advance(2_000);
    expect((await waitForJob(queue, job.id, (j) => j.state === 'done')).attempts).toBe(3);
  });

  it('R-X3: a rejected job is not retried on its own; the console reprint retries it', async () => {
    const clock = new ManualClock();
    const output = scripted([new PrinterError('rejected', 'client-error-document-format-not-supported')]);
    const queue = new PrintQueue(output, { clock });
    const job = queue.enqueue(testBadge('Anna'), 'ql62');
    const failed = await waitForJob(queue, job.id, (j) => j.state === 'failed');
    expect(failed.error?.code).toBe('rejected');
    expect(failed.retryAt).toBeNull();
    clock.advance(3_600_000);
    expect(output.calls).toBe(1);
    queue.retry(job.id);
    await waitForJob(queue, job.id, (j) => j.state === 'done');
  });

  it('stops retrying on its own after the give-up age', async () => {
    const clock = new ManualClock();
    const output = scripted([new PrinterError('offline'), new PrinterError('offline'), new PrinterError('offline')]);
    const queue = new PrintQueue(output, { clock, backOffMs: () => 60_000, giveUpAfterMs: 90_000 });
    const job = queue.enqueue(testBadge('Anna'), 'ql62');
    await waitForJob(queue, job.id, (j) => j.state === 'failed');
    clock.advance(60_000);
    const second = await waitForJob(queue, job.id, (j) => j.state === 'failed' && j.attempts === 2);
    expect(second.retryAt).toBe(120_000);
    clock.advance(60_000);
    // Third failure at 120 s is past the 90 s give-up age: it waits for a reprint.
    const third = await waitForJob(queue, job.id, (j) => j.state === 'failed' && j.attempts === 3);
    expect(third.retryAt).toBeNull();
    clock.advance(600_000);
    expect(output.calls).toBe(3);
    queue.retry(job.id);
    await waitForJob(queue, job.id, (j) => j.state === 'done');
  });

  it('jobs print one at a time in order', async () => {
    const order: string[] = [];
    let active = 0;
    const output: BadgeOutput = {
      print: async (badge) => {
        active++;
        expect(active).toBe(1);
        await new Promise((r) => setTimeout(r, 5));
        order.push(badge.name);
        active--;
        return { jobId: null };
      },
    };
    const queue = new PrintQueue(output, { clock: new ManualClock() });
    const jobs = ['A', 'B', 'C'].map((n) => queue.enqueue(testBadge(n), 'ql62'));
    await waitForJob(queue, jobs[2]?.id ?? '', (j) => j.state === 'done');
    expect(order).toEqual(['A', 'B', 'C']);
  });

  it('back-off doubles from 2 s to a 60 s cap with ±20 % jitter', () => {
    const mid = exponentialBackOff(() => 0.5);
    expect([1, 2, 3, 6, 10].map(mid)).toEqual([2_000, 4_000, 8_000, 60_000, 60_000]);
    expect(exponentialBackOff(() => 0)(1)).toBe(1_600);
    expect(exponentialBackOff(() => 1)(1)).toBe(2_400);
  });
});
