import { useEffect, useState } from 'react';
import { useSettings } from '../../app-store';
import { translate, useLocale, useT, type Locale } from '../../i18n';
import { dayPart, holidayOf } from './greeting';

/** Re-renders once a minute so the greeting turns from morning to afternoon on its own. */
function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

function Phrases({ locale, company, now, holidays }: { locale: Locale; company: string; now: Date; holidays: readonly string[] }): React.JSX.Element {
  const tr = (k: Parameters<typeof translate>[1], vars?: Record<string, string>): string => translate(locale, k, vars);
  const holiday = holidayOf(now, holidays);
  const greeting = tr(`calls.script.${dayPart(now)}`);
  const wish = holiday ? `${tr(`calls.script.${holiday}`)}${tr('calls.script.sep')}` : '';
  return (
    <dl className="script-list" lang={locale}>
      <dt>{tr('calls.script.greeting')}</dt>
      <dd data-testid={`script-greeting-${locale}`}>{tr('calls.script.greetingText', { wish, greeting, company })}</dd>
      <dt>{tr('calls.script.transfer')}</dt>
      <dd>{tr('calls.script.transferText')}</dd>
      <dt>{tr('calls.script.busy')}</dt>
      <dd>{tr('calls.script.busyText')}</dd>
      <dt>{tr('calls.script.closing')}</dt>
      <dd>{tr('calls.script.closingText', { company })}</dd>
    </dl>
  );
}

/**
 * 用语规范 (R-C7): greeting, transfer and closing phrases with the company
 * name and the time-of-day or holiday greeting, in both languages side by
 * side, since the caller's language is not the operator's UI language.
 */
export function ScriptsPanel(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const settings = useSettings();
  const now = useMinute();
  const order: Locale[] = locale === 'zh-CN' ? ['zh-CN', 'en'] : ['en', 'zh-CN'];
  return (
    <section className="panel scripts" aria-labelledby="scripts-h">
      <h2 id="scripts-h">{t('calls.scripts')}</h2>
      {order.map((l) => (
        <Phrases key={l} locale={l} now={now} holidays={settings.holidays} company={l === 'zh-CN' ? settings.companyName : settings.companyNameEn} />
      ))}
    </section>
  );
}
