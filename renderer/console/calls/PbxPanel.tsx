import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { db } from '../../db/schema';
import { useT } from '../../i18n';
import { dayTime, hhmm, toLocalInput } from '../format';
import { useActor } from '../ui-store';
import { recordPbxFault } from './actions';
import { useSwitchboard } from './switchboard-ui';

/**
 * The SMDR link's state in words (R-O3): connected, silent since HH:MM,
 * disconnected since HH:MM, with the time of the last line. Shown as a
 * persistent line, not a toast (ux.md C8–C10).
 */
export function PbxStatusLine(): React.JSX.Element {
  const t = useT();
  const pbx = useSwitchboard((s) => s.pbx);
  const unavailable = useSwitchboard((s) => s.pbxUnavailable);
  if (!pbx) {
    return (
      <p className="pbx-status pbx-off" role="status">
        <span aria-hidden="true">○</span> {t(unavailable ? 'calls.pbx.unavailable' : 'calls.pbx.unknown')}
      </p>
    );
  }
  const icon = { connected: '●', silent: '◐', disconnected: '✕', off: '○' }[pbx.state];
  return (
    <p className={`pbx-status pbx-${pbx.state}`} role="status" title={pbx.detail}>
      <span aria-hidden="true">{icon}</span> {t(`calls.pbx.${pbx.state}`, { since: hhmm(pbx.since) })} · {t('calls.pbx.last', { time: pbx.lastLineAt ? dayTime(pbx.lastLineAt) : '--' })} · {pbx.source}
    </p>
  );
}

/** Recording a PBX fault (what, when, who) and the lines no format understood (R-O3, R-C1). */
export function PbxPanel(): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const id = useId();
  const faults = useLiveQuery(() => db.pbxFaults.orderBy('at').reverse().limit(20).toArray(), []) ?? [];
  const lines = useLiveQuery(() => db.smdrLines.orderBy('seq').reverse().limit(200).toArray(), []) ?? [];
  const lineCount = useLiveQuery(() => db.smdrLines.count(), []) ?? 0;
  const [what, setWhat] = useState('');
  const [at, setAt] = useState(() => toLocalInput(new Date()));
  const openSettings = useSwitchboard((s) => s.setPbxSettingsOpen);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!what.trim()) return;
    await recordPbxFault(what.trim(), new Date(at).toISOString(), actor);
    setWhat('');
    setAt(toLocalInput(new Date()));
  };
  return (
    <section className="panel pbx-panel" aria-labelledby="pbx-h">
      <div className="toolbar">
        <h2 id="pbx-h">{t('calls.pbx')}</h2>
        <button type="button" className="btn" onClick={() => openSettings(true)}>
          {t('calls.settings.open')}
        </button>
      </div>
      <form className="form fault-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-what`}>{t('calls.fault.what')}</label>
          <input id={`${id}-what`} value={what} onChange={(e) => setWhat(e.target.value)} />
        </div>
        <div className="row">
          <div className="field grow">
            <label htmlFor={`${id}-at`}>{t('calls.fault.at')}</label>
            <input id={`${id}-at`} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
          </div>
          <button type="submit" className="btn">
            {t('calls.fault.record')}
          </button>
        </div>
      </form>
      <ul className="plain-list" aria-label={t('calls.faults')}>
        {faults.map((f) => (
          <li key={f.id}>
            {dayTime(f.at)} · {f.what} · {f.by}
          </li>
        ))}
      </ul>
      <h3>
        {t('calls.unrecognized')} <span className="count">{lineCount}</span>
      </h3>
      <ul className="raw-lines" aria-label={t('calls.unrecognized')}>
        {lines.map((l) => (
          <li key={l.id}>
            <span className="sub">{dayTime(l.receivedAt)}</span> <code>{l.raw}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
