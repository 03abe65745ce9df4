import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Alert, Appointment } from '../../shared/domain/visit';
import { useSettings } from '../app-store';
import { db, type VisitRow } from '../db/schema';
import { acknowledgeAlert, admitHeld, refuseHeld } from '../db/visits';
import { useLocale, useT } from '../i18n';
import { hhmm, hostLabel, startOfToday } from './format';
import { NoteDialog } from './NoteDialog';
import { mismatchAlertText } from '../passes/alert-text';
import { usePassesUi } from '../passes/passes-ui';
import { useActor, useConsoleUi } from './ui-store';

interface Row {
  alert: Alert;
  visit: VisitRow | undefined;
  appointment: Appointment | undefined;
}

/** Re-renders every 15 s so an unacknowledged notice turns overdue without any event. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

/**
 * Buttons in the panel keep the keyboard focus where it was on a mouse click,
 * so acknowledging never interrupts what the operator is typing (ux.md C4).
 */
const keepFocus = (e: React.MouseEvent): void => e.preventDefault();

type Severity = 'error' | 'warning' | 'info';

/** Shape as well as colour tells the severity apart (ux.md C8, C10); drawn, so no font can miss the glyph. */
function SeverityIcon({ severity }: { severity: Severity }): React.JSX.Element {
  return (
    <svg className="severity-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      {severity === 'error' && <polygon points="5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5" fill="currentColor" />}
      {severity === 'warning' && <polygon points="8,1 15,15 1,15" fill="currentColor" />}
      {severity === 'info' && <circle cx="8" cy="8" r="7" fill="currentColor" />}
      <rect x="7" y={severity === 'info' ? 7 : 5} width="2" height="5" fill="#fff" />
    </svg>
  );
}

export function AlertsPanel(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const actor = useActor();
  const settings = useSettings();
  const now = useNow();
  const [decide, setDecide] = useState<{ kind: 'admit' | 'refuse'; row: Row } | null>(null);
  const rows = useLiveQuery(async (): Promise<Row[]> => {
    const today = await db.alerts.where('createdAt').aboveOrEqual(startOfToday()).reverse().sortBy('createdAt');
    // Pass alerts stay until dealt with, even from an earlier day (R-P3).
    const carried = await db.alerts.where('kind').anyOf(['passMismatch', 'passCheckOverdue']).filter((a) => !a.ackAt && a.createdAt < startOfToday()).toArray();
    const alerts = [...today, ...carried];
    return Promise.all(
      alerts.map(async (alert) => ({
        alert,
        visit: alert.kind === 'vipEmergency' ? undefined : await db.visits.get(alert.visitId),
        appointment: alert.kind === 'vipEmergency' ? await db.appointments.get(alert.visitId) : undefined,
      })),
    );
  }, []);
  const open = (rows ?? []).filter((r) => !r.alert.ackAt && !(r.alert.kind === 'watchHit' && r.visit?.state !== 'held'));
  const done = (rows ?? []).filter((r) => !open.includes(r)).slice(0, 10);
  const overdueMs = settings.hostAckMinutes * 60_000;

  const body = (r: Row): React.ReactNode => {
    const { alert, visit, appointment } = r;
    switch (alert.kind) {
      case 'hostNotify':
        return t('console.alert.hostNotify', {
          ext: alert.detail,
          host: visit ? hostLabel(locale, visit.hostName, visit.hostDept) : '--',
          visitor: visit?.name ?? '--',
        });
      case 'watchHit': {
        const [level = '', ...reason] = alert.detail.split(': ');
        return (
          <>
            <strong>{t('console.alert.watchHit', { visitor: visit?.name ?? '--', level: level === 'deny' ? t('console.watch.level.deny') : t('console.watch.level.watch') })}</strong>
            <br />
            {t('console.alert.reason', { reason: reason.join(': ') })}
          </>
        );
      }
      case 'vipEmergency':
        return t('console.alert.vipEmergency', { visitor: appointment?.name ?? '--', reason: alert.detail });
      case 'overstay':
        return t('console.alert.overstay', { visitor: visit?.name ?? '--' });
      case 'passMismatch':
        return mismatchAlertText(t, alert.detail);
      case 'passCheckOverdue':
        return t('passes.alert.overdue', { day: alert.detail });
    }
  };

  return (
    <aside className="alerts no-print" aria-labelledby="alerts-title">
      <h2 id="alerts-title">
        {t('console.alerts.title')} <span className="count">{open.length}</span>
      </h2>
      {/* Polite, not assertive: new alerts are announced without moving focus (ux.md C4). */}
      <ul className="alert-list" aria-live="polite" aria-label={t('console.alerts.open')}>
        {open.map((r) => {
          const overdue = r.alert.kind === 'hostNotify' && now - Date.parse(r.alert.createdAt) > overdueMs;
          const severity: Severity = r.alert.kind === 'watchHit' || r.alert.kind === 'passMismatch' ? 'error' : overdue || r.alert.kind === 'vipEmergency' || r.alert.kind === 'passCheckOverdue' ? 'warning' : 'info';
          return (
            <li key={r.alert.id} className={`alert alert-${severity}`}>
              <p className="alert-head">
                <SeverityIcon severity={severity} /> {t(`console.alert.kind.${r.alert.kind}`)}
                <span className="alert-time num">{hhmm(r.alert.createdAt)}</span>
              </p>
              <p>{body(r)}</p>
              {overdue && <p className="alert-overdue">{t('console.alert.overdue', { n: settings.hostAckMinutes })}</p>}
              <div className="actions">
                {r.alert.kind === 'watchHit' && r.visit ? (
                  <>
                    <button type="button" className="btn small" aria-label={t('console.admitOf', { name: r.visit.name })} onClick={() => setDecide({ kind: 'admit', row: r })}>
                      {t('console.admit')}
                    </button>
                    <button type="button" className="btn small danger" aria-label={t('console.refuseOf', { name: r.visit.name })} onClick={() => setDecide({ kind: 'refuse', row: r })}>
                      {t('console.refuse')}
                    </button>
                  </>
                ) : r.alert.kind === 'passCheckOverdue' ? (
                  // Closes only when the sheet is signed, not by an acknowledgement.
                  <button
                    type="button"
                    className="btn small"
                    onClick={() => {
                      usePassesUi.getState().openSheet(r.alert.detail);
                      useConsoleUi.getState().setTab('passes');
                    }}
                  >
                    {t('passes.handover.open')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="btn small"
                    onMouseDown={keepFocus}
                    aria-label={t('console.alert.ackOf', { name: r.visit?.name ?? r.appointment?.name ?? '' })}
                    onClick={() => void acknowledgeAlert(r.alert.id, actor)}
                  >
                    {t('console.alert.ack')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
        {open.length === 0 && <li className="alert-none">{t('console.alerts.none')}</li>}
      </ul>
      {done.length > 0 && (
        <>
          <h3>{t('console.alerts.done')}</h3>
          <ul className="alert-list done" aria-label={t('console.alerts.done')}>
            {done.map((r) => (
              <li key={r.alert.id} className="alert alert-done">
                <p>{body(r)}</p>
                <p className="alert-ack">
                  {r.alert.ackAt ? t('console.alert.acked', { who: r.alert.ackBy ?? '', time: hhmm(r.alert.ackAt) }) : r.visit ? t(`state.${r.visit.state}`) : ''}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {decide && decide.row.visit && (
        <NoteDialog
          title={t(decide.kind === 'admit' ? 'console.admitTitle' : 'console.refuseTitle', { name: decide.row.visit.name })}
          noteLabel={t('console.note.note')}
          required
          confirmLabel={t(decide.kind === 'admit' ? 'console.admit' : 'console.refuse')}
          onConfirm={async (note) => {
            const visitId = decide.row.visit!.id;
            if (decide.kind === 'admit') await admitHeld(visitId, actor, note);
            else await refuseHeld(visitId, actor, note);
            await acknowledgeAlert(decide.row.alert.id, actor);
          }}
          onClose={() => setDecide(null)}
        />
      )}
    </aside>
  );
}
