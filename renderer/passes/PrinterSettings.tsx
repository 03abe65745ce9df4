import { useEffect, useId, useState } from 'react';
import { BADGE_MEDIA, PRINTER_OUTPUTS, type PrintingSettings } from '../../shared/api/printing';
import { useT } from '../i18n';
import { call } from '../transport/api';

/**
 * The badge printer: simulated (PDF files, the default), an IPP queue or
 * printer (with discovery of local CUPS queues), or a Zebra over raw TCP.
 * A change applies to the next print attempt.
 */
export function PrinterSettings(): React.JSX.Element {
  const t = useT();
  const ids = useId();
  const [form, setForm] = useState<PrintingSettings | null>(null);
  const [message, setMessage] = useState('');
  const [queues, setQueues] = useState<{ name: string; uri: string }[] | null>(null);
  const [note, setNote] = useState('');
  const [systemPrinters, setSystemPrinters] = useState<{ name: string; displayName: string }[] | null>(null);
  const [recipients, setRecipients] = useState<string | null>(null);

  useEffect(() => {
    call('printing:getSettings', {})
      .then(setForm)
      .catch((err: unknown) => setMessage(err instanceof Error ? err.message : String(err)));
  }, []);
  if (!form) return <p className="sub">{message}</p>;

  const systemZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const recipientText = recipients ?? form.supervisorRecipients.join(', ');
  const save = (): void => {
    const supervisorRecipients = recipientText.split(/[\s,，;；]+/).filter(Boolean);
    call('printing:updateSettings', { ...form, supervisorRecipients })
      .then((saved) => {
        setForm(saved);
        setRecipients(null);
        setMessage(t('passes.printer.saved'));
      })
      .catch((err: unknown) => setMessage(err instanceof Error ? err.message : String(err)));
  };
  const discover = (): void => {
    call('printing:discover', {})
      .then((found) => {
        setQueues(found.queues);
        setNote(found.note === 'noCups' ? t('passes.printer.noCups') : found.note === 'cupsDown' ? t('passes.printer.cupsDown') : found.note === 'noQueues' ? t('passes.printer.noQueues') : '');
      })
      .catch((err: unknown) => setNote(err instanceof Error ? err.message : String(err)));
  };

  const listSystem = (): void => {
    call('printing:systemPrinters', {})
      .then((found) => {
        setSystemPrinters(found.printers);
        setNote(found.note === 'noDesktop' ? t('passes.printer.noDesktop') : found.note === 'systemFailed' ? t('passes.printer.systemFailed') : found.printers.length === 0 ? t('passes.printer.noSystem') : '');
      })
      .catch((err: unknown) => setNote(err instanceof Error ? err.message : String(err)));
  };

  return (
    <section className="passes-section printer-settings" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('passes.printer.settings')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="field">
          <label htmlFor={`${ids}-output`}>{t('passes.printer.output')}</label>
          <select id={`${ids}-output`} value={form.output} onChange={(e) => setForm({ ...form, output: PRINTER_OUTPUTS.find((o) => o === e.target.value) ?? 'pdfOnly' })}>
            {PRINTER_OUTPUTS.map((o) => (
              <option key={o} value={o}>
                {t(`passes.printer.output.${o}`)}
              </option>
            ))}
          </select>
        </div>
        {form.output === 'ipp' && (
          <div className="field">
            <label htmlFor={`${ids}-uri`}>{t('passes.printer.ippUri')}</label>
            <div className="inline">
              <input id={`${ids}-uri`} value={form.ippUri} placeholder="ipp://localhost:631/printers/Badge" onChange={(e) => setForm({ ...form, ippUri: e.target.value })} />
              <button type="button" className="btn" onClick={discover}>
                {t('passes.printer.discover')}
              </button>
            </div>
            {note && <p className="hint">{note}</p>}
            {queues && queues.length > 0 && (
              <ul className="job-list">
                {queues.map((q) => (
                  <li key={q.uri}>
                    <button type="button" className="btn link" onClick={() => setForm({ ...form, ippUri: q.uri })}>
                      {q.name}
                    </button>{' '}
                    <span className="sub">{q.uri}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {form.output === 'zpl' && (
          <div className="field inline">
            <label htmlFor={`${ids}-host`}>{t('passes.printer.zplHost')}</label>
            <input id={`${ids}-host`} value={form.zplHost} onChange={(e) => setForm({ ...form, zplHost: e.target.value })} />
            <label htmlFor={`${ids}-port`}>{t('passes.printer.zplPort')}</label>
            <input id={`${ids}-port`} type="number" min={1} max={65535} value={form.zplPort} onChange={(e) => setForm({ ...form, zplPort: Number(e.target.value) || 9100 })} />
          </div>
        )}
        {form.output === 'system' && (
          <div className="field">
            <label htmlFor={`${ids}-sys`}>{t('passes.printer.systemPrinter')}</label>
            <div className="inline">
              <input id={`${ids}-sys`} value={form.systemPrinter} placeholder="Brother_QL_820NWB" onChange={(e) => setForm({ ...form, systemPrinter: e.target.value })} />
              <button type="button" className="btn" onClick={listSystem}>
                {t('passes.printer.findSystem')}
              </button>
            </div>
            {note && <p className="hint">{note}</p>}
            {systemPrinters && systemPrinters.length > 0 && (
              <ul className="job-list">
                {systemPrinters.map((p) => (
                  <li key={p.name}>
                    <button type="button" className="btn link" onClick={() => setForm({ ...form, systemPrinter: p.name })}>
                      {p.displayName || p.name}
                    </button>{' '}
                    <span className="sub">{p.name}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${ids}-medium`}>{t('passes.printer.medium')}</label>
          <select id={`${ids}-medium`} value={form.medium} onChange={(e) => setForm({ ...form, medium: BADGE_MEDIA.find((m) => m === e.target.value) ?? 'ql62x100' })}>
            {BADGE_MEDIA.map((m) => (
              <option key={m} value={m}>
                {t(`passes.printer.medium.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-tz`}>{t('passes.printer.timeZone')}</label>
          <p className="hint" id={`${ids}-tz-hint`}>
            {t('passes.printer.timeZoneHint', { zone: systemZone })}
          </p>
          <input id={`${ids}-tz`} aria-describedby={`${ids}-tz-hint`} value={form.timeZone} placeholder={systemZone} onChange={(e) => setForm({ ...form, timeZone: e.target.value.trim() })} />
        </div>
        <fieldset className="field mail-settings">
          <legend>{t('passes.mail.settings')}</legend>
          <p className="hint" id={`${ids}-mail-hint`}>
            {t('passes.mail.hint')}
          </p>
          <div className="mail-server">
            <div>
              <label htmlFor={`${ids}-smtp`}>{t('passes.mail.smtpHost')}</label>
              <input id={`${ids}-smtp`} aria-describedby={`${ids}-mail-hint`} value={form.smtpHost} onChange={(e) => setForm({ ...form, smtpHost: e.target.value })} />
            </div>
            <div>
              <label htmlFor={`${ids}-smtp-port`}>{t('passes.mail.smtpPort')}</label>
              <input id={`${ids}-smtp-port`} type="number" min={1} max={65535} value={form.smtpPort} onChange={(e) => setForm({ ...form, smtpPort: Number(e.target.value) || 25 })} />
            </div>
          </div>
          <label htmlFor={`${ids}-from`}>{t('passes.mail.from')}</label>
          <input id={`${ids}-from`} value={form.mailFrom} onChange={(e) => setForm({ ...form, mailFrom: e.target.value })} />
          <label htmlFor={`${ids}-to`}>{t('passes.mail.recipients')}</label>
          <input id={`${ids}-to`} value={recipientText} onChange={(e) => setRecipients(e.target.value)} />
        </fieldset>
        <div className="actions">
          <button type="submit" className="btn primary">
            {t('passes.printer.save')}
          </button>
          <span role="status">{message}</span>
        </div>
      </form>
    </section>
  );
}
