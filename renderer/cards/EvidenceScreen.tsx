import { useState } from 'react';
import type { EvidenceRow } from '../../shared/api/cards';
import { useT } from '../i18n';
import { call } from '../transport/api';
import { csvRows, type DoorLogProblem } from '../../shared/cards/door-log';
import { importDoorLog } from './door-import';
import { evidenceRows } from './evidence';
import { XLSX_TYPE, download, errorText, fromBase64, useActor } from './shared-ui';

const monthStart = (): string => new Date().toLocaleDateString('sv').slice(0, 8) + '01';

/** Every machine-room entry of a period, for the auditor (R-P5, 等保2.0). */
export function EvidenceScreen(): React.JSX.Element {
  const t = useT();
  const [from, setFrom] = useState(monthStart);
  const [to, setTo] = useState(() => new Date().toLocaleDateString('sv'));
  const [rows, setRows] = useState<EvidenceRow[] | null>(null);
  const [message, setMessage] = useState('');
  const actor = useActor();
  const [problems, setProblems] = useState<DoorLogProblem[]>([]);

  /** The access system's door-event log, CSV or XLSX (R-P5): stored, audited; unread rows listed. */
  const importLog = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    try {
      const rows = /\.xlsx$/i.test(file.name)
        ? (
            await call('cards:readDoorLog', {
              xlsxBase64: btoa(
                Array.from(new Uint8Array(await file.arrayBuffer()), (b) => String.fromCharCode(b)).join(''),
              ),
            })
          ).rows
        : csvRows(await file.text());
      const r = await importDoorLog(actor, file.name, rows);
      setProblems(r.problems);
      setMessage(
        t('cards.doorLog.imported', {
          file: file.name,
          events: r.events.length,
          added: r.added,
          bad: r.problems.length,
        }),
      );
      setRows(await evidenceRows(from, to));
    } catch (err) {
      setMessage(errorText(t, err));
    }
  };

  const show = async (): Promise<void> => setRows(await evidenceRows(from, to));
  const save = async (kind: 'csv' | 'xlsx' | 'pdf'): Promise<void> => {
    try {
      const list = rows ?? (await evidenceRows(from, to));
      setRows(list);
      const name = `machine-room-${from}-${to}`;
      if (kind === 'pdf') {
        const { pdfBase64 } = await call('cards:exportEvidencePdf', { from, to, rows: list });
        download(`${name}.pdf`, fromBase64(pdfBase64), 'application/pdf');
        setMessage(t('cards.evidence.saved', { count: list.length }));
        return;
      }
      const files = await call('cards:exportEvidence', { from, to, rows: list });
      if (kind === 'csv') download(`${name}.csv`, files.csv, 'text/csv;charset=utf-8');
      else download(`${name}.xlsx`, fromBase64(files.xlsxBase64), XLSX_TYPE);
      setMessage(t('cards.evidence.saved', { count: list.length }));
    } catch (err) {
      setMessage(errorText(t, err));
    }
  };
  return (
    <section className="screen">
      <div className="toolbar filters">
        <h2>{t('cards.evidence.title')}</h2>
        <label>
          {t('cards.evidence.from')}{' '}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('cards.evidence.to')}{' '}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="button" className="btn" onClick={() => void show()}>
          {t('cards.evidence.show')}
        </button>
        <button type="button" className="btn" onClick={() => void save('xlsx')}>
          {t('cards.evidence.xlsx')}
        </button>
        <button type="button" className="btn" onClick={() => void save('csv')}>
          {t('cards.evidence.csv')}
        </button>
        <button type="button" className="btn" onClick={() => void save('pdf')}>
          {t('cards.evidence.pdf')}
        </button>
      </div>
      <p className="hint">{t('cards.evidence.note')}</p>
      <label className="door-log-import">
        {t('cards.doorLog.label')}{' '}
        <input
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void importLog(e.target.files?.[0])}
        />
      </label>
      {problems.length > 0 && (
        <div role="alert" className="notice warn">
          <strong>{t('cards.doorLog.problems', { count: problems.length })}</strong>
          <ul>
            {problems.map((p) => (
              <li key={`${p.line}-${p.reason}-${p.detail}`}>
                {t('cards.doorLog.problem', {
                  line: p.line,
                  why: t(`cards.doorLog.reason.${p.reason}`, { detail: p.detail }),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {rows && (
        <div className="table-wrap tall">
          <table className="console-table" aria-label={t('cards.evidence.title')}>
            <thead>
              <tr>
                {(
                  [
                    'kind',
                    'name',
                    'company',
                    'areas',
                    'work',
                    'approver',
                    'escort',
                    'credential',
                    'timeIn',
                    'timeOut',
                  ] as const
                ).map((k) => (
                  <th key={k} scope="col">
                    {t(`cards.evidence.col.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={10} className="empty">
                    {t('cards.evidence.none')}
                  </td>
                </tr>
              )}
              {rows.slice(0, 500).map((r, i) => (
                <tr key={i}>
                  <td>{t(`cards.evidence.kind.${r.kind}`)}</td>
                  <td>{r.name}</td>
                  <td>{r.company}</td>
                  <td>{r.areas}</td>
                  <td>{r.work}</td>
                  <td>{r.approver}</td>
                  <td>{r.escort}</td>
                  <td>{r.credential}</td>
                  <td className="num">{r.timeIn}</td>
                  <td className="num">{r.timeOut}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
