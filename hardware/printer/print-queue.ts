import type { BadgeData } from './badge-data';
import { PrinterError, RETRYABLE, type PrinterErrorCode } from './errors';
import type { MediumId } from './media';
import type { PrintReceipt } from './ipp-printer';

/** Where badges go: IPP (render then print a PDF) or raw ZPL. */
export interface BadgeOutput {
  print(badge: BadgeData, medium: MediumId, jobName: string): Promise<PrintReceipt>;
}

/** Injected so tests drive retries without sleeping (style.md: inject clocks). */
export interface Clock {
  now(): number;
  /** Run `run` after `ms`; returns a function that cancels it. */
  setTimeout(run: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    return () => clearTimeout(handle);
  },
};

export const JOB_STATES = ['queued', 'printing', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface PrintJob {
  readonly id: string;
  readonly jobName: string;
  readonly badge: BadgeData;
  readonly medium: MediumId;
  readonly state: JobState;
  readonly attempts: number;
  readonly error: { readonly code: PrinterErrorCode; readonly message: string; readonly detail: string } | null;
  /** When a failed job will be tried again on its own; null when it waits for a reprint. */
  readonly retryAt: number | null;
  readonly receipt: PrintReceipt | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type PrintQueueListener = (job: PrintJob) => void;

export interface PrintQueueOptions {
  readonly clock?: Clock;
  /** Delay before attempt n+1 after n failures. Default: 2 s doubling to 60 s, ±20 % jitter. */
  readonly backOffMs?: (failures: number) => number;
  /**
   * A badge is useless once the visitor has gone upstairs without it; after
   * this long a job stops retrying on its own and waits for a console reprint.
   */
  readonly giveUpAfterMs?: number;
  readonly random?: () => number;
}

export function exponentialBackOff(random: () => number = Math.random): (failures: number) => number {
  return (failures) => {
    const base = Math.min(60_000, 2_000 * 2 ** Math.max(0, failures - 1));
    return Math.round(base * (0.8 + 0.4 * random()));
  };
}

/**
 * Badge print queue. enqueue() returns at once (sign-in never waits for
 * paper); jobs print one at a time in order, since label printers are
 * serial. A job that failed for a reason that can clear by itself (offline,
 * out of labels, timeout) is retried with back-off, so a badge queued while
 * the printer was off prints when it comes back.
 *
 * States: queued → printing → done | failed; failed → queued on retry.
 */
export class PrintQueue {
  private readonly jobs = new Map<string, PrintJob>();
  private readonly timers = new Map<string, () => void>();
  private readonly listeners = new Set<PrintQueueListener>();
  private readonly clock: Clock;
  private readonly backOffMs: (failures: number) => number;
  private readonly giveUpAfterMs: number;
  private busy = false;
  private seq = 0;

  constructor(
    private readonly output: BadgeOutput,
    options: PrintQueueOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.backOffMs = options.backOffMs ?? exponentialBackOff(options.random);
    this.giveUpAfterMs = options.giveUpAfterMs ?? 15 * 60_000;
  }

  /** Every state change of every job; returns the unsubscribe function. */
  on(listener: PrintQueueListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  enqueue(badge: BadgeData, medium: MediumId, jobName = `badge-${badge.badgeCode}`): PrintJob {
    const now = this.clock.now();
    const job: PrintJob = {
      id: `print-${now}-${++this.seq}`,
      jobName,
      badge,
      medium,
      state: 'queued',
      attempts: 0,
      error: null,
      retryAt: null,
      receipt: null,
      createdAt: now,
      updatedAt: now,
    };
    this.update(job);
    this.schedulePump();
    return job;
  }

  /** Console reprint: a failed job goes back to the queue now. */
  retry(id: string): void {
    const job = this.jobs.get(id);
    if (!job || job.state !== 'failed') return;
    this.cancelTimer(id);
    this.update({ ...job, state: 'queued', retryAt: null, createdAt: this.clock.now() });
    this.schedulePump();
  }

  get(id: string): PrintJob | undefined {
    return this.jobs.get(id);
  }

  list(): PrintJob[] {
    return [...this.jobs.values()];
  }

  /** Stop retry timers (app shutdown); jobs keep their state. */
  dispose(): void {
    for (const id of [...this.timers.keys()]) this.cancelTimer(id);
    this.listeners.clear();
  }

  private update(job: PrintJob): void {
    const next = { ...job, updatedAt: this.clock.now() };
    this.jobs.set(next.id, next);
    for (const listener of this.listeners) listener(next);
  }

  private cancelTimer(id: string): void {
    this.timers.get(id)?.();
    this.timers.delete(id);
  }

  // Deferred to a microtask so enqueue() returns before any printing work starts.
  private schedulePump(): void {
    queueMicrotask(() => void this.pump());
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    const job = [...this.jobs.values()].find((j) => j.state === 'queued');
    if (!job) return;
    this.busy = true;
    const printing: PrintJob = { ...job, state: 'printing', attempts: job.attempts + 1, error: null };
    this.update(printing);
    try {
      const receipt = await this.output.print(job.badge, job.medium, job.jobName);
      this.update({ ...printing, state: 'done', receipt, retryAt: null });
    } catch (err) {
      this.fail(printing, err instanceof PrinterError ? err : new PrinterError('rejected', String(err)));
    } finally {
      this.busy = false;
      this.schedulePump();
    }
  }

  private fail(job: PrintJob, error: PrinterError): void {
    const now = this.clock.now();
    const retry = RETRYABLE.has(error.code) && now - job.createdAt < this.giveUpAfterMs;
    const delay = retry ? this.backOffMs(job.attempts) : 0;
    this.update({
      ...job,
      state: 'failed',
      error: { code: error.code, message: error.message, detail: error.detail },
      retryAt: retry ? now + delay : null,
    });
    if (!retry) return;
    this.timers.set(
      job.id,
      this.clock.setTimeout(() => {
        this.timers.delete(job.id);
        const current = this.jobs.get(job.id);
        if (current?.state !== 'failed') return;
        this.update({ ...current, state: 'queued', retryAt: null });
        this.schedulePump();
      }, delay),
    );
  }
}
