import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Appointment } from '../../shared/domain/visit';
import { cancelAppointment, decideApproval } from '../db/appointments';
import { db } from '../db/schema';
import { useLocale, useT } from '../i18n';
import { AppointmentForm } from './AppointmentForm';
import { EmptyRow } from './Board';
import { dayTime, hostLabel, startOfToday } from './format';
import { NoteDialog } from './NoteDialog';
import { useActor, useConsoleUi } from './ui-store';

type Pending = { kind: 'approve' | 'reject' | 'cancel'; a: Appointment };

/** Today's and upcoming appointments (R-V1), with the admin department's VIP decisions (R-V2). */
export function AppointmentsScreen(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const actor = useActor();
  const formOpen = useConsoleUi((s) => s.appointmentFormOpen);
  const setFormOpen = useConsoleUi((s) => s.setAppointmentFormOpen);
  const [pending, setPending] = useState<Pending | null>(null);
  const rows = useLiveQuery(async () => {
    const [list, staff] = await Promise.all([db.appointments.where('expectedAt').aboveOrEqual(startOfToday()).sortBy('expectedAt'), db.staff.toArray()]);
    const byId = new Map(staff.map((s) => [s.id, s]));
    return list.map((a) => ({ a, host: byId.get(a.hostId) }));
  }, []);
  const status = (a: Appointment): string => {
    if (a.cancelled) return t('console.appt.status.cancelled');
    if (a.visitId) return t('console.appt.status.arrived');
    return t(`console.approval.${a.approval}`);
  };
  return (
    <div className="screen">
      <div className="toolbar">
        <h2>{t('console.appt.title')}</h2>
        <button type="button" className="btn primary" aria-keyshortcuts="Control+N" onClick={() => setFormOpen(true)}>
          {t('console.appt.new')} <kbd>Ctrl+N</kbd>
        </button>
      </div>
      <div className="table-wrap">
        <table className="console-table" aria-label={t('console.appt.title')}>
          <thead>
            <tr>
              <th scope="col">{t('console.col.time')}</th>
              <th scope="col">{t('console.col.name')}</th>
              <th scope="col">{t('console.col.company')}</th>
              <th scope="col">{t('console.col.category')}</th>
              <th scope="col">{t('console.col.host')}</th>
              <th scope="col">{t('console.col.code')}</th>
              <th scope="col">{t('console.col.approval')}</th>
              <th scope="col">{t('console.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(rows ?? []).map(({ a, host }) => (
              <tr key={a.id}>
                <td className="num">{dayTime(a.expectedAt)}</td>
                <td>
                  {a.name}
                  {a.vip && <span className="tag">VIP</span>}
                </td>
                <td>{a.company || '--'}</td>
                <td>{t(`category.${a.category}`)}</td>
                <td>{host ? hostLabel(locale, host.name, locale === 'zh-CN' ? host.dept : host.deptEn) : '--'}</td>
                <td className="num">{a.code}</td>
                <td>
                  {status(a)}
                  {a.approvalNote && <span className="sub"> · {a.approvalNote}</span>}
                </td>
                <td className="row-actions">
                  {a.approval === 'pending' && !a.cancelled && (
                    <>
                      <button type="button" className="btn small" aria-label={t('console.appt.approveOf', { name: a.name })} onClick={() => setPending({ kind: 'approve', a })}>
                        {t('console.appt.approve')}
                      </button>
                      <button type="button" className="btn small danger" aria-label={t('console.appt.rejectOf', { name: a.name })} onClick={() => setPending({ kind: 'reject', a })}>
                        {t('console.appt.reject')}
                      </button>
                    </>
                  )}
                  {!a.cancelled && !a.visitId && (
                    <button type="button" className="btn small" aria-label={t('console.appt.cancelOf', { name: a.name })} onClick={() => setPending({ kind: 'cancel', a })}>
                      {t('console.appt.cancel')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {rows?.length === 0 && <EmptyRow cols={8} />}
          </tbody>
        </table>
      </div>
      {formOpen && <AppointmentForm onClose={() => setFormOpen(false)} />}
      {pending && (
        <NoteDialog
          title={t(`console.appt.${pending.kind}Title`, { name: pending.a.name })}
          noteLabel={t('console.note.note')}
          required={pending.kind === 'reject'}
          confirmLabel={t(`console.appt.${pending.kind}`)}
          onConfirm={(note) => (pending.kind === 'cancel' ? cancelAppointment(pending.a.id, actor) : decideApproval(pending.a.id, pending.kind === 'approve', actor, note))}
          onClose={() => setPending(null)}
        />
      )}
    </div>
  );
}
