import { useId } from 'react';
import type { DeviceStatus } from '../../shared/api';
import { useApp } from '../app-store';
import { PrinterWarning } from '../passes/PrinterWarning';
import { otherLocale, useLocale, useT } from '../i18n';
import { chooseLocale, useConsoleUi } from './ui-store';

const STATE_ICON: Record<DeviceStatus['state'], string> = {
  connected: '●',
  simulated: '◐',
  absent: '○',
  disconnected: '✕',
};

function DeviceStrip(): React.JSX.Element {
  const t = useT();
  const devices = useApp((s) => s.info?.devices ?? []);
  return (
    <ul className="device-strip" aria-label={t('console.devices')}>
      {devices.map((d) => (
        <li key={d.kind} className={`device device-${d.state}`} title={d.detail}>
          <span aria-hidden="true">{STATE_ICON[d.state]}</span> {t(`console.device.${d.kind}`)} · {t(`console.deviceState.${d.state}`)}
        </li>
      ))}
    </ul>
  );
}

export function TopBar(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const settings = useApp((s) => s.info?.settings);
  const operator = useConsoleUi((s) => s.operator);
  const setOperator = useConsoleUi((s) => s.setOperator);
  const opId = useId();
  const other = otherLocale(locale);
  return (
    <header className="top-bar no-print">
      <h1 className="company">
        {locale === 'zh-CN' ? settings?.companyName : settings?.companyNameEn} · {t('console.title')}
      </h1>
      <div className="operator">
        <label htmlFor={opId}>{t('console.operator')}</label>
        <input
          id={opId}
          value={operator}
          placeholder={t('console.operator.placeholder')}
          autoComplete="name"
          spellCheck={false}
          onChange={(e) => setOperator(e.target.value)}
        />
      </div>
      <DeviceStrip />
      <PrinterWarning />
      <button type="button" className="btn lang" lang={other} aria-label={`${t('lang.switchLabel')}: ${t('lang.switch')}`} onClick={() => chooseLocale(other)}>
        {t('lang.switch')}
      </button>
    </header>
  );
}
