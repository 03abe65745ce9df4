import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useApp } from '../app-store';
import { currentRollCall, endRollCall, markSafe, startRollCall } from '../db/evacuation';
import { useLocale, useT } from '../i18n';
import { EmptyRow } from './Board';
import { useBoardData } from './board-data';
import { dayTime, hhmm } from './format';
import { NoteDialog } from './NoteDialog';
import { useActor } from './ui-store';

/** Who is in the building now (R-V10), printable at once as an A4 roll call, marked safe live. */
export function OnSiteScreen(): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const locale = useLocale((s) => s.locale);
  const company = useApp((s) => (locale === 'zh-CN' ? s.info?.settings.companyName : s.info?.settings.companyNameEn));
  const data = useBoardData();
  const rollCall = useLiveQuery(currentRollCall, []);
  const [ending, setEnding] = useState(false);
  const people = data?.onSite ?? [];
  const held = people.filter((v) => v.state === 'held').length;
  const safeCount = rollCall ? people.filter((v) => rollCall.safe.has(v.id)).length : 0;
  return (
    <div className="screen onsite">
      <div className="toolbar no-print">
        <h2>
          {t('console.onSite.title')} <span className="count" data-testid="onsite-count">{people.length}</span>
        </h2>
        <p className="sub">{t('console.onSite.summary', { onSite: people.length - held, held })}</p>
        <button type="button" className="btn primary" onClick={() => window.print()}>
          {t('console.onSite.print')}
        </button>
        {rollCall ? (
          <>
            <strong className="rollcall-status" role="status">
              {t(rollCall.kind === 'real' ? 'console.evac.activeReal' : 'console.evac.activeDrill', { safe: safeCount, total: people.length, time: hhmm(rollCall.startedAt) })}
            </strong>
            <button type="button" className="btn" onClick={() => setEnding(true)}>
              {t('console.evac.end')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn" onClick={() => void startRollCall('drill', actor)}>
              {t('console.evac.startDrill')}
            </button>
            <button type="button" className="btn danger" onClick={() => void startRollCall('real', actor)}>
              {t('console.evac.startReal')}
            </button>
          </>
        )}
      </div>
      <h2 className="print-only">{t('console.onSite.printTitle', { company: company ?? '', time: dayTime(new Date().toISOString()), n: people.length })}</h2>
      <div className="table-wrap tall">
        <table className="console-table rollcall" aria-label={t('console.onSite.title')}>
          <thead>
            <tr>
              <th scope="col">{t('console.col.name')}</th>
              <th scope="col">{t('console.col.company')}</th>
              <th scope="col">{t('console.col.host')}</th>
              <th scope="col">{t('console.col.in')}</th>
              <th scope="col">{t('console.col.badge')}</th>
              <th scope="col" className={rollCall ? undefined : 'print-only'}>
                {t('console.onSite.safe')}
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((v) => {
              const safe = rollCall?.safe.get(v.id);
              return (
                <tr key={v.id} className={safe ? 'row-safe' : undefined}>
                  <td>
                    {v.name}
                    {v.state === 'held' && <span className="tag no-print">{t('state.held')}</span>}
                  </td>
                  <td>{v.company || '--'}</td>
                  <td>
                    {v.hostName} · {v.hostDept} · {v.hostExt}
                  </td>
                  <td className="num">{hhmm(v.signedInAt ?? v.createdAt)}</td>
                  <td className="num">{v.badgeCode}</td>
                  {rollCall ? (
                    <td>
                      {safe ? (
                        t('console.evac.markedSafe', { by: safe.by, time: hhmm(safe.at) })
                      ) : (
                        <button type="button" className="btn small no-print" aria-label={t('console.evac.markSafeOf', { name: v.name })} onClick={() => void markSafe(rollCall.id, v.id, actor)}>
                          {t('console.evac.markSafe')}
                        </button>
                      )}
                    </td>
                  ) : (
                    <td className="print-only box" aria-hidden="true">
                      ☐
                    </td>
                  )}
                </tr>
              );
            })}
            {people.length === 0 && <EmptyRow cols={6} />}
          </tbody>
        </table>
      </div>
      {ending && rollCall && (
        <NoteDialog
          title={t('console.evac.end')}
          lead={t('console.evac.endLead', { safe: safeCount, total: people.length })}
          noteLabel={t('console.note.note')}
          required={false}
          confirmLabel={t('console.evac.end')}
          onConfirm={(note) => endRollCall(rollCall.id, actor, [`${safeCount}/${people.length}`, note].filter(Boolean).join(': '))}
          onClose={() => setEnding(false)}
        />
      )}
    </div>
  );
}
