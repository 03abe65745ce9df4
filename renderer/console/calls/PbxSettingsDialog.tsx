import { useEffect, useId, useState } from 'react';
import {
  PBX_FORMAT_NAMES,
  PBX_SOURCES,
  type JournalEntry,
  type PbxSettings,
} from '../../../shared/api/calls';
import { DATE_ORDERS } from '../../../shared/domain/call';
import { ApiError } from '../../../shared/api';
import { useT } from '../../i18n';
import { Dialog } from '../Dialog';
import { ErrorSummary, Field } from '../Field';
import { call } from '../../transport/api';
import {
  BAUD_RATES,
  draftOf,
  settingsOfDraft,
  type PbxDraft,
  type PbxField,
  type PbxProblem,
} from './pbx-settings-form';
import { PbxStatusLine } from './PbxPanel';
import { useSwitchboard } from './switchboard-ui';

const CHARSETS = ['latin1', 'gbk', 'utf-8'] as const;
const PREVIEW_LINES = 20;

/** The PBX link's settings (R-C1, R-O3), opened from the PBX panel or the command palette. */
export function PbxSettingsDialog(): React.JSX.Element | null {
  const open = useSwitchboard((s) => s.pbxSettingsOpen);
  const setOpen = useSwitchboard((s) => s.setPbxSettingsOpen);
  const t = useT();
  if (!open) return null;
  return (
    <Dialog open title={t('calls.settings.title')} onClose={() => setOpen(false)}>
      <SettingsLoader />
    </Dialog>
  );
}

/** Mounted each time the dialog opens, so the form starts from the service's current settings. */
function SettingsLoader(): React.JSX.Element {
  const t = useT();
  const [settings, setSettings] = useState<PbxSettings | null>(null);
  const [loadError, setLoadError] = useState('');
  useEffect(() => {
    call('calls:getSettings', {}).then(setSettings, (e: unknown) =>
      setLoadError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  return settings ? (
    <SettingsForm initial={settings} />
  ) : (
    <p role="status">
      {loadError
        ? t('calls.settings.loadFailed', { reason: loadError })
        : t('calls.settings.loading')}
    </p>
  );
}

function SettingsForm({ initial }: { initial: PbxSettings }): React.JSX.Element {
  const t = useT();
  const base = useId();
  const [saved, setSaved] = useState(initial);
  const [d, setD] = useState<PbxDraft>(() => draftOf(initial));
  const [problems, setProblems] = useState<PbxProblem[]>([]);
  const [serverError, setServerError] = useState<{ field: PbxField | null; text: string } | null>(
    null,
  );
  const [attempt, setAttempt] = useState(0);
  const [applied, setApplied] = useState(false);
  const [ports, setPorts] = useState<{ path: string; manufacturer: string | null }[] | null>(null);
  const [preview, setPreview] = useState<JournalEntry[] | null>(null);
  const pbx = useSwitchboard((s) => s.pbx);
  const fid = (f: string): string => `${base}-${f}`;
  const set = <K extends PbxField>(k: K, v: PbxDraft[K]): void => {
    setApplied(false);
    setD((x) => ({ ...x, [k]: v }));
  };
  const err = (f: PbxField): string | undefined => {
    const p = problems.find((x) => x.field === f);
    if (p) return t(`calls.settings.err.${p.problem}`, { field: t(`calls.settings.${f}`) });
    return serverError?.field === f ? serverError.text : undefined;
  };
  const refreshPorts = (): void => {
    call('calls:listPorts', {}).then(setPorts, () => setPorts([]));
  };
  useEffect(refreshPorts, []);

  const apply = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    setServerError(null);
    const r = settingsOfDraft(d, saved);
    setProblems(r.problems);
    if (!r.settings) return;
    try {
      const next = await call('calls:updateSettings', r.settings);
      setSaved(next);
      setApplied(true);
    } catch (x) {
      // The contract names the field at fault; the service's own refusals (a format it cannot use) name none.
      const issue = x instanceof ApiError ? x.body.issues?.[0] : undefined;
      const field = issue ? ((issue.path.split('.')[0] ?? '') as PbxField) : null;
      setServerError({
        field: field && field in d ? field : null,
        text: issue
          ? `${t(`calls.settings.${field && field in d ? field : 'source'}`)}: ${issue.message}`
          : x instanceof Error
            ? x.message
            : String(x),
      });
    }
  };
  const runPreview = (): void => {
    const r = settingsOfDraft({ ...d, source: 'off' }, saved);
    setProblems(r.problems);
    if (!r.settings) return;
    call('calls:preview', {
      format: r.settings.format,
      dateOrder: r.settings.dateOrder,
      customLayout: r.settings.customLayout,
      lines: PREVIEW_LINES,
    }).then(setPreview, (x: unknown) =>
      setServerError({ field: 'format', text: x instanceof Error ? x.message : String(x) }),
    );
  };

  const serial = d.source === 'serial';
  const tcp = d.source === 'tcpClient' || d.source === 'tcpListener';
  const summary = problems.map((p) => ({
    id: fid(p.field),
    text: t(`calls.settings.err.${p.problem}`, { field: t(`calls.settings.${p.field}`) }),
  }));
  if (serverError) summary.push({ id: fid(serverError.field ?? 'source'), text: serverError.text });
  // After Apply the link reports whether it opened; a source that fails says why, by the field it concerns.
  const linkFailed = applied && pbx?.state === 'disconnected' && saved.source !== 'tcpListener' ? t('calls.settings.err.open', { detail: pbx.detail }) : undefined;
  return (
    <form
      className="form pbx-settings"
      noValidate
      onSubmit={(e) => void apply(e)}
      aria-label={t('calls.settings.title')}
    >
      <ErrorSummary attempt={attempt} items={summary} />
      <fieldset className="field-group">
        <legend>{t('calls.settings.group.link')}</legend>
        <Field id={fid('source')} label={t('calls.settings.source')}>
          {(a) => (
            <select
              {...a}
              value={d.source}
              autoFocus
              onChange={(e) =>
                set('source', PBX_SOURCES.find((s) => s === e.target.value) ?? 'off')
              }
            >
              {PBX_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`calls.settings.source.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {serial && (
          <>
            <div className="row">
              <Field
                id={fid('ports')}
                label={t('calls.settings.ports')}
                hint={
                  ports !== null && ports.length === 0 ? t('calls.settings.ports.none') : undefined
                }
              >
                {(a) => (
                  <select
                    {...a}
                    value={ports?.some((p) => p.path === d.serialPath) ? d.serialPath : ''}
                    onChange={(e) => e.target.value && set('serialPath', e.target.value)}
                  >
                    <option value="">{t('calls.settings.ports.pick')}</option>
                    {(ports ?? []).map((p) => (
                      <option key={p.path} value={p.path}>
                        {p.manufacturer ? `${p.path} · ${p.manufacturer}` : p.path}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button type="button" className="btn" onClick={refreshPorts}>
                {t('calls.settings.ports.refresh')}
              </button>
            </div>
            <Field
              id={fid('serialPath')}
              label={t('calls.settings.serialPath')}
              hint={t('calls.settings.serialPath.hint')}
              error={err('serialPath') ?? linkFailed}
            >
              {(a) => (
                <input
                  {...a}
                  value={d.serialPath}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(e) => set('serialPath', e.target.value)}
                />
              )}
            </Field>
            <div className="row">
              <Field
                id={fid('baudRate')}
                label={t('calls.settings.baudRate')}
                error={err('baudRate')}
              >
                {(a) => (
                  <>
                    <input
                      {...a}
                      list={fid('bauds')}
                      inputMode="numeric"
                      value={d.baudRate}
                      onChange={(e) => set('baudRate', e.target.value)}
                    />
                    <datalist id={fid('bauds')}>
                      {BAUD_RATES.map((b) => (
                        <option key={b} value={b} />
                      ))}
                    </datalist>
                  </>
                )}
              </Field>
              <Field id={fid('dataBits')} label={t('calls.settings.dataBits')}>
                {(a) => (
                  <select
                    {...a}
                    value={d.dataBits}
                    onChange={(e) => set('dataBits', e.target.value)}
                  >
                    <option value="8">8</option>
                    <option value="7">7</option>
                  </select>
                )}
              </Field>
              <Field id={fid('parity')} label={t('calls.settings.parity')}>
                {(a) => (
                  <select
                    {...a}
                    value={d.parity}
                    onChange={(e) =>
                      set(
                        'parity',
                        e.target.value === 'even'
                          ? 'even'
                          : e.target.value === 'odd'
                            ? 'odd'
                            : 'none',
                      )
                    }
                  >
                    {(['none', 'even', 'odd'] as const).map((p) => (
                      <option key={p} value={p}>
                        {t(`calls.settings.parity.${p}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={fid('stopBits')} label={t('calls.settings.stopBits')}>
                {(a) => (
                  <select
                    {...a}
                    value={d.stopBits}
                    onChange={(e) => set('stopBits', e.target.value)}
                  >
                    <option value="1">1</option>
                    <option value="2">2</option>
                  </select>
                )}
              </Field>
              <Field id={fid('flowControl')} label={t('calls.settings.flowControl')}>
                {(a) => (
                  <select
                    {...a}
                    value={d.flowControl}
                    onChange={(e) =>
                      set(
                        'flowControl',
                        e.target.value === 'rtscts'
                          ? 'rtscts'
                          : e.target.value === 'xonxoff'
                            ? 'xonxoff'
                            : 'none',
                      )
                    }
                  >
                    {(['none', 'rtscts', 'xonxoff'] as const).map((p) => (
                      <option key={p} value={p}>
                        {t(`calls.settings.flow.${p}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <p className="hint">{t('calls.settings.lineEnding')}</p>
          </>
        )}
        {tcp && (
          <div className="row">
            <Field
              id={fid('tcpHost')}
              label={t(
                d.source === 'tcpClient' ? 'calls.settings.tcpHost' : 'calls.settings.tcpBind',
              )}
              error={err('tcpHost') ?? linkFailed}
            >
              {(a) => (
                <input
                  {...a}
                  value={d.tcpHost}
                  spellCheck={false}
                  onChange={(e) => set('tcpHost', e.target.value)}
                />
              )}
            </Field>
            <Field id={fid('tcpPort')} label={t('calls.settings.tcpPort')} error={err('tcpPort')}>
              {(a) => (
                <input
                  {...a}
                  inputMode="numeric"
                  value={d.tcpPort}
                  onChange={(e) => set('tcpPort', e.target.value)}
                />
              )}
            </Field>
          </div>
        )}
      </fieldset>
      <fieldset className="field-group">
        <legend>{t('calls.settings.group.records')}</legend>
        <div className="row">
          <Field id={fid('format')} label={t('calls.settings.format')} error={err('format')}>
            {(a) => (
              <select {...a} value={d.format} onChange={(e) => set('format', e.target.value)}>
                <option value="auto">{t('calls.settings.format.auto')}</option>
                {PBX_FORMAT_NAMES.map((f) => (
                  <option key={f} value={f}>
                    {t(`calls.settings.format.${f}`)}
                  </option>
                ))}
                <option value="custom">{t('calls.settings.format.custom')}</option>
              </select>
            )}
          </Field>
          <Field id={fid('dateOrder')} label={t('calls.settings.dateOrder')}>
            {(a) => (
              <select
                {...a}
                value={d.dateOrder}
                onChange={(e) =>
                  set('dateOrder', DATE_ORDERS.find((o) => o === e.target.value) ?? 'mdy')
                }
              >
                {DATE_ORDERS.map((o) => (
                  <option key={o} value={o}>
                    {t(`calls.settings.dateOrder.${o}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={fid('charset')} label={t('calls.settings.charset')}>
            {(a) => (
              <select
                {...a}
                value={d.charset}
                onChange={(e) =>
                  set('charset', CHARSETS.find((c) => c === e.target.value) ?? 'latin1')
                }
              >
                {CHARSETS.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={fid('silentMinutes')}
            label={t('calls.settings.silentMinutes')}
            error={err('silentMinutes')}
          >
            {(a) => (
              <input
                {...a}
                inputMode="numeric"
                value={d.silentMinutes}
                onChange={(e) => set('silentMinutes', e.target.value)}
              />
            )}
          </Field>
        </div>
        {(d.format === 'custom' || d.customLayout.trim() !== '') && (
          <Field
            id={fid('customLayout')}
            label={t('calls.settings.customLayout')}
            hint={t('calls.settings.customLayout.hint')}
            error={err('customLayout')}
          >
            {(a) => (
              <textarea
                {...a}
                rows={6}
                spellCheck={false}
                className="mono"
                value={d.customLayout}
                onChange={(e) => set('customLayout', e.target.value)}
              />
            )}
          </Field>
        )}
        <button type="button" className="btn" onClick={runPreview}>
          {t('calls.settings.preview')}
        </button>
        {preview && (
          <table
            className="console-table preview-table"
            aria-label={t('calls.settings.previewTable')}
          >
            <thead>
              <tr>
                <th scope="col">{t('calls.settings.preview.kind')}</th>
                <th scope="col">{t('calls.col.ext')}</th>
                <th scope="col">{t('calls.col.number')}</th>
                <th scope="col">{t('calls.raw')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.length === 0 && (
                <tr>
                  <td colSpan={4}>{t('calls.settings.preview.none')}</td>
                </tr>
              )}
              {preview.map((p) => (
                <tr key={p.id} className={p.kind === 'unrecognized' ? 'row-held' : undefined}>
                  <td>{t(`calls.settings.kind.${p.kind}`)}</td>
                  <td>{p.call?.ext ?? '--'}</td>
                  <td>{p.call?.number ?? '--'}</td>
                  <td>
                    <code>{p.raw}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </fieldset>
      <PbxStatusLine />
      <div className="actions">
        <button type="submit" className="btn primary">
          {t('calls.settings.apply')}
        </button>
        {applied && (
          <span role="status" className="sub">
            {t('calls.settings.applied')}
          </span>
        )}
      </div>
    </form>
  );
}
