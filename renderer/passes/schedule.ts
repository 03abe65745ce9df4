import { useEffect } from 'react';
import type { WorkCalendar } from '../../shared/working-days';
import { useSettings } from '../app-store';
import { useActor, useConsoleUi } from '../console/ui-store';
import { dueSheetDay, ensureOverdueAlert } from '../db/handover';
import { db } from '../db/schema';
import { useLocale } from '../i18n';
import { retryDueMails } from './escalation-mail';
import { usePassesUi } from './passes-ui';

/** How often the console looks at the clock for the 09:00 check; a minute late is fine. */
const TICK_MS = 30_000;

export function calendarOf(settings: { holidays: readonly string[]; workingWeekends: readonly string[] }): WorkCalendar {
  return { holidays: new Set(settings.holidays), workingWeekends: new Set(settings.workingWeekends) };
}

/** Days whose sheet this console already opened by itself: it opens once, then the operator decides. */
const opened = new Set<string>();

/**
 * R-P3: from 09:00 on a working day the console opens the previous working
 * day's handover sheet (once) and keeps an overdue alert until it is signed.
 */
export function useHandoverSchedule(actor: string): void {
  const settings = useSettings();
  useEffect(() => {
    const cal = calendarOf(settings);
    let live = true;
    const tick = async (): Promise<void> => {
      const day = dueSheetDay(new Date(), cal);
      if (!day || !live) return;
      if (await db.handoverSheets.where('day').equals(day).first()) return;
      await ensureOverdueAlert(day, actor);
      if (opened.has(day) || !live) return;
      opened.add(day);
      usePassesUi.getState().openSheet(day);
      useConsoleUi.getState().setTab('passes');
    };
    void tick();
    const id = window.setInterval(() => void tick(), TICK_MS);
    return () => {
      live = false;
      window.clearInterval(id);
    };
  }, [settings, actor]);
}

/** R-P3: failed escalation mails are tried again on their back-off, whatever tab is open. */
export function useEscalationRetry(actor: string): void {
  const locale = useLocale((s) => s.locale);
  useEffect(() => {
    const id = window.setInterval(() => void retryDueMails(actor, locale), TICK_MS);
    return () => window.clearInterval(id);
  }, [actor, locale]);
}

/** Mounted once in the console shell, whatever tab is shown. */
export function PassesWatch(): null {
  const actor = useActor();
  useHandoverSchedule(actor);
  useEscalationRetry(actor);
  return null;
}
