import { create } from 'zustand';
import type { BadgeRequest, PrintJobView } from '../../shared/api/printing';
import type { Visit } from '../../shared/domain/visit';
import { useApp } from '../app-store';
import { call, getBridge } from '../transport/api';

interface PrintJobs {
  jobs: Record<string, PrintJobView>;
  upsert: (job: PrintJobView) => void;
}

/** The console's view of the print queue: loaded once, then kept by printing:jobChanged. */
export const usePrintJobs = create<PrintJobs>((set) => ({
  jobs: {},
  upsert: (job) => set((s) => ({ jobs: { ...s.jobs, [job.id]: job } })),
}));

let started = false;

/** Console start-up: the printer's real state (app:info only knows it is there) and the job list. */
export async function watchPrinting(): Promise<void> {
  if (started) return;
  started = true;
  getBridge().on('printing:jobChanged', (job) => usePrintJobs.getState().upsert(job));
  const [status, jobs] = await Promise.all([call('printing:status', {}), call('printing:jobs', { limit: 100 })]);
  useApp.getState().setDevices([status]);
  for (const job of jobs) usePrintJobs.getState().upsert(job);
}

/** What the main side needs to print a visit's badge. */
export function badgeRequest(visit: Visit, passNumber: string | null, requestedBy: string): BadgeRequest {
  return {
    visitId: visit.id,
    name: visit.name,
    company: visit.company,
    hostName: visit.hostName,
    hostDept: visit.hostDept,
    category: visit.category,
    escortRequired: visit.escortRequired,
    badgeCode: visit.badgeCode,
    signedInAt: visit.signedInAt,
    expectedEnd: visit.expectedEnd,
    createdAt: visit.createdAt,
    photo: visit.photo,
    passNumber,
    requestedBy,
  };
}
