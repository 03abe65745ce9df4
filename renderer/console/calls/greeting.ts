/** The time-of-day greeting of the scripts (R-C7): morning until 12, afternoon until 18. */
export type DayPart = 'morning' | 'afternoon' | 'evening';

export function dayPart(now: Date): DayPart {
  const h = now.getHours();
  if (h >= 5 && h < 12) return 'morning';
  if (h >= 12 && h < 18) return 'afternoon';
  return 'evening';
}

/** YYYY-MM-DD in local time. */
function localDate(now: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** New Year's Day has its own wish (新年好); any other holiday in settings gets the general one. */
export function holidayOf(now: Date, holidays: readonly string[]): 'newYear' | 'holiday' | null {
  const day = localDate(now);
  if (day.endsWith('-01-01')) return 'newYear';
  return holidays.includes(day) ? 'holiday' : null;
}
