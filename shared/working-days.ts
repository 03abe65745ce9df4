/**
 * Working days for the VIP approval lead time (R-V2: filed ≥ 3 working days
 * ahead). Weekends are non-working; public holidays come from settings as
 * ISO dates, since China's holiday calendar (with its make-up working
 * Saturdays) is published each year.
 */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days this year (调休上班). */
  workingWeekends: ReadonlySet<string>;
}

export const PLAIN_CALENDAR: WorkCalendar = { holidays: new Set(), workingWeekends: new Set() };

function isoDate(d: Date): string {
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${m}-${day}`;
}

export function isWorkingDay(d: Date, cal: WorkCalendar = PLAIN_CALENDAR): boolean {
  const key = isoDate(d);
  if (cal.holidays.has(key)) return false;
  if (cal.workingWeekends.has(key)) return true;
  const dow = d.getDay();
  return dow !== 0 && dow !== 6;
}

/**
 * Working days after the filing day up to and including the visit day:
 * filed Monday for Thursday is 3 (Tue, Wed, Thu).
 */
export function workingDaysAhead(filed: Date, visit: Date, cal: WorkCalendar = PLAIN_CALENDAR): number {
  const cursor = new Date(filed.getFullYear(), filed.getMonth(), filed.getDate() + 1);
  const end = new Date(visit.getFullYear(), visit.getMonth(), visit.getDate());
  let n = 0;
  while (cursor <= end) {
    if (isWorkingDay(cursor, cal)) n++;
    cursor.setDate(cursor.getDate() + 1);
  }
  return n;
}

export const VIP_LEAD_WORKING_DAYS = 3;

/** VIP visits are filed at least three working days ahead (R-V2). */
export function meetsVipLeadTime(filed: Date, visit: Date, cal: WorkCalendar = PLAIN_CALENDAR): boolean {
  return workingDaysAhead(filed, visit, cal) >= VIP_LEAD_WORKING_DAYS;
}
