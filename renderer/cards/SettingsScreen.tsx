import { useEffect, useState } from 'react';
import {
  ENCODER_CHOICES,
  SIM_FAULTS,
  type CardSettings,
  type EncoderStatus,
  type SimFault,
} from '../../shared/api/cards';
import { Field } from '../console/Field';
import { useT } from '../i18n';
import { call } from '../transport/api';
import { errorText } from './shared-ui';

/** Encoder choice, the access system's address, the mail server and the systems department's addresses. */
export function SettingsScreen(): React.JSX.Element {
  const t = useT();
  const [s, setS] = useState<CardSettings | null>(null);
  const [recipients, setRecipients] = useState('');
  const [status, setStatus] = useState<EncoderStatus | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void call('cards:getSettings', {}).then((x) => {
      setS(x);
      setRecipients(x.revokeRecipients.join(', '));
    });
    void call('cards:status', {}).then(setStatus);
  }, []);
  if (!s) return <p>{t('app.loading')}</p>;

  const save = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    try {
      const next = await call('cards:updateSettings', {
        ...s,
        revokeRecipients: recipients.split(/[\s,;，；]+/).filter(Boolean),
      });
      setS(next);
      setStatus(await call('cards:status', {}));
      setMessage({ ok: true, text: t('cards.settings.saved') });
    } catch (err) {
      setMessage({ ok: false, text: errorText(t, err) });
    }
  };
  const fault = async (f: SimFault): Promise<void> => {
    try {
      setStatus(await call('cards:simulateFault', { fault: f }));
    } catch (err) {
      setMessage({ ok: false, text: errorText(t, err) });
    }
  };
  return (
    <section className="screen">
      <div className="toolbar">
        <h2>{t('cards.settings.title')}</h2>
      </div>
      {message && (
        <p
          className={message.ok ? 'notice ok' : 'notice warn'}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
      <form className="form cards-form" noValidate onSubmit={(e) => void save(e)}>
        <Field id="set-encoder" label={t('cards.settings.encoder')}>
          {(a) => (
            <select
              {...a}
              value={s.encoder}
              onChange={(e) =>
                setS({
                  ...s,
                  encoder: ENCODER_CHOICES.find((c) => c === e.target.value) ?? 'emulator',
                })
              }
            >
              {ENCODER_CHOICES.map((c) => (
                <option key={c} value={c}>
                  {t(`cards.encoder.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {s.encoder === 'emulator' && (
          <Field id="set-medium" label={t('cards.settings.medium')}>
            {(a) => (
              <select
                {...a}
                value={s.emulatedMedium}
                onChange={(e) =>
                  setS({
                    ...s,
                    emulatedMedium: e.target.value === 'em4100Writer' ? 'em4100Writer' : 'msr605x',
                  })
                }
              >
                <option value="msr605x">{t('cards.medium.msr605x')}</option>
                <option value="em4100Writer">{t('cards.medium.em4100Writer')}</option>
              </select>
            )}
          </Field>
        )}
        <Field id="set-present" label={t('cards.settings.presentSeconds')}>
          {(a) => (
            <input
              {...a}
              type="number"
              min={2}
              max={120}
              value={s.presentSeconds}
              onChange={(e) => setS({ ...s, presentSeconds: Number(e.target.value) })}
            />
          )}
        </Field>
        <Field
          id="set-webhook"
          label={t('cards.settings.webhook')}
          hint={t('cards.settings.webhookHint')}
        >
          {(a) => (
            <input
              {...a}
              type="url"
              value={s.webhookUrl}
              onChange={(e) => setS({ ...s, webhookUrl: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="set-cardPrinter"
          label={t('cards.settings.cardPrinter')}
          hint={t('cards.settings.cardPrinterHint')}
        >
          {(a) => (
            <input
              {...a}
              type="url"
              value={s.cardPrinterUri}
              onChange={(e) => setS({ ...s, cardPrinterUri: e.target.value })}
            />
          )}
        </Field>
        <div className="row">
          <Field id="set-smtpHost" label={t('cards.settings.smtpHost')}>
            {(a) => (
              <input
                {...a}
                value={s.smtpHost}
                onChange={(e) => setS({ ...s, smtpHost: e.target.value })}
              />
            )}
          </Field>
          <Field id="set-smtpPort" label={t('cards.settings.smtpPort')}>
            {(a) => (
              <input
                {...a}
                type="number"
                value={s.smtpPort}
                onChange={(e) => setS({ ...s, smtpPort: Number(e.target.value) })}
              />
            )}
          </Field>
        </div>
        <Field id="set-from" label={t('cards.settings.mailFrom')}>
          {(a) => (
            <input
              {...a}
              value={s.mailFrom}
              onChange={(e) => setS({ ...s, mailFrom: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="set-recipients"
          label={t('cards.settings.recipients')}
          hint={t('cards.settings.recipientsHint')}
        >
          {(a) => (
            <input {...a} value={recipients} onChange={(e) => setRecipients(e.target.value)} />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="btn primary">
            {t('cards.settings.save')}
          </button>
        </div>
      </form>
      {status?.choice === 'emulator' && (
        <section className="panel" aria-labelledby="sim-title">
          <h3 id="sim-title">{t('cards.sim.title')}</h3>
          <p className="hint">{t('cards.sim.hint')}</p>
          <label>
            {t('cards.sim.fault')}{' '}
            <select
              value={status.fault}
              onChange={(e) => void fault(SIM_FAULTS.find((f) => f === e.target.value) ?? 'none')}
            >
              {SIM_FAULTS.map((f) => (
                <option key={f} value={f}>
                  {t(`cards.sim.${f}`)}
                </option>
              ))}
            </select>
          </label>
        </section>
      )}
    </section>
  );
}
