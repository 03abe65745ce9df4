import { useEffect, useState } from 'react';
import type { Staff } from '../../shared/domain/visit';
import { maskIdNumber, maskPhone } from '../../shared/mask';
import { db } from '../db/schema';
import { useLocale, useT } from '../i18n';
import { checkStep, afterIdentity } from './finish';
import { ConsentBox } from './ConsentBox';
import { QuestionScreen } from './Layout';
import { useKiosk } from './store';

function time(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

/**
 * R-V3 / K8: confirm what the host pre-registered. Phone and ID are echoed
 * masked (K17); the separate consent tick is the one extra tap.
 */
export function AppointmentScreen(): React.JSX.Element | null {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const appointment = useKiosk((s) => s.appointment);
  const [host, setHost] = useState<Staff | null>(null);
  useEffect(() => {
    if (!appointment) return;
    let live = true;
    void db.staff.get(appointment.hostId).then((h) => {
      if (live) setHost(h ?? null);
    });
    return () => {
      live = false;
    };
  }, [appointment]);
  if (!appointment) return null;
  const rows: [string, React.ReactNode][] = [
    [t('kiosk.appt.name'), <span lang="zh-CN">{appointment.name}</span>],
    [t('kiosk.appt.company'), appointment.company],
    [t('kiosk.appt.host'), host ? `${host.name} · ${locale === 'zh-CN' ? host.dept : host.deptEn}` : ''],
    [t('kiosk.appt.time'), `${time(appointment.expectedAt, locale)} – ${time(appointment.expectedEnd, locale)}`],
    [t('kiosk.appt.phone'), maskPhone(appointment.phone)],
    [t('kiosk.appt.id'), maskIdNumber(appointment.idNumber)],
  ];
  return (
    <QuestionScreen
      title={t('kiosk.appt.title')}
      continueLabel={t('kiosk.appt.confirm')}
      onContinue={() => {
        if (checkStep(['consent'])) afterIdentity();
      }}
    >
      <dl className="k-details">
        {rows.map(([label, value]) => (
          <div className="k-detail" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ConsentBox />
    </QuestionScreen>
  );
}
