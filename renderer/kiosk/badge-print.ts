import { create } from 'zustand';
import type { JobState } from '../../shared/api/printing';
import type { Visit } from '../../shared/domain/visit';
import { badgeRequest } from '../passes/print-store';
import { call, getBridge } from '../transport/api';

/** What the done screen says about the badge: printing, printed, or "collect it at the desk" (K4, K14). */
export type BadgePrintPhase = 'printing' | 'done' | 'desk';

interface BadgePrint {
  visitId: string | null;
  jobId: string | null;
  phase: BadgePrintPhase;
  set: (values: Partial<Pick<BadgePrint, 'visitId' | 'jobId' | 'phase'>>) => void;
}

export const useBadgePrint = create<BadgePrint>((set) => ({
  visitId: null,
  jobId: null,
  phase: 'printing',
  set: (values) => set(values),
}));

/** K4: past this, "printing…" is no longer honest; the visitor is sent to the desk instead of waiting. */
export const DESK_AFTER_MS = 10_000;

function phaseOf(job: JobState): BadgePrintPhase | null {
  if (job.state === 'done') return 'done';
  // A failed badge may still print on a retry, but the visitor should not stand waiting for it.
  if (job.state === 'failed') return 'desk';
  return null;
}

let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  getBridge().on('printing:jobState', (job) => {
    const { jobId, phase, set } = useBadgePrint.getState();
    const next = job.id === jobId ? phaseOf(job) : null;
    // Once "done" or "desk" is shown it stays: a later retry must not flip the visitor's page.
    if (next && phase === 'printing') set({ phase: next });
  });
}

/**
 * Asks for the badge after the visit is committed; never awaited by the
 * sign-in. Any failure to even queue it sends the visitor to the desk.
 */
export function startBadgePrint(visit: Visit, log: (message: string) => void): void {
  listen();
  const { set } = useBadgePrint.getState();
  set({ visitId: visit.id, jobId: null, phase: 'printing' });
  const mine = (): boolean => useBadgePrint.getState().visitId === visit.id;
  call('printing:printBadge', badgeRequest(visit, null, 'kiosk'))
    .then(async ({ jobId }) => {
      if (!mine()) return;
      set({ jobId });
      // The job may have finished before its id came back: ask once.
      const job = await call('printing:jobState', { jobId });
      const next = job ? phaseOf(job) : null;
      if (next && mine() && useBadgePrint.getState().phase === 'printing') set({ phase: next });
    })
    .catch((err: unknown) => {
      log(`kiosk badge print failed: ${err instanceof Error ? err.message : String(err)}`);
      if (mine()) set({ phase: 'desk' });
    });
  window.setTimeout(() => {
    if (mine() && useBadgePrint.getState().phase === 'printing') set({ phase: 'desk' });
  }, DESK_AFTER_MS);
}
