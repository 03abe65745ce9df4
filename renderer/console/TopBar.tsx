import { useId } from 'react';
import type { DeviceStatus } from '../../shared/api';
import { useApp } from '../app-store';
import { PrinterWarning } from '../passes/PrinterWarning';
import { otherLocale, useLocale, useT } from '../i18n';
import { useSwitchboard } from './calls/switchboard-ui';
import { dayTime, hhmm } from './format';
import { chooseLocale, useConsoleUi } from './ui-store';

const STATE_ICON: Record<DeviceStatus['state'], string> = {
  connected: '●',
  simulated: '◐',
  absent: '○',
  disconnected: '✕',
};

const PBX_ICON = { connected: '●', silent: '◐', disconnected: '✕', off: '○' } as const;
/** The strip's classes by PBX link state: silent is a warning, a broken link needs action (ux.md C10). */
const PBX_CLASS = { connected: 'device-connected', silent: 'device-simulated', disconnected: 'device-disconnected', off: 'device-absent' } as const;

/**
 * The PBX item of the strip follows the SMDR link itself (`calls:statusChanged`,
 * R-O3): connected, silent since HH:MM, disconnected since HH:MM, with the time
 * of the last record — not the static device list, which only knows the kind.
 */
function PbxIndicator(): React.JSX.Element {
  const t = useT();
  const pbx = useSwitchboard((s) => s.pbx);
  const unavailable = useSwitchboard((s) => s.pbxUnavailable);
  if (!pbx) {
    return (
      <li className="device device-absent" data-testid="topbar-pbx">
        <span aria-hidden="true">○</span> {t('console.device.pbx')} · {t(unavailable ? 'calls.pbx.unavailable' : 'calls.pbx.unknown')}
      </li>
    );
  }
  return (
    <li className={`device ${PBX_CLASS[pbx.state]}`} data-testid="topbar-pbx" title={`${pbx.source} · ${pbx.detail}`}>
      <span aria-hidden="true">{PBX_ICON[pbx.state]}</span> {t('console.device.pbx')} · {t(`console.pbxState.${pbx.state}`, { since: hhmm(pbx.since) })} ·{' '}
      {t('calls.pbx.last', { time: pbx.lastLineAt ? dayTime(pbx.lastLineAt) : '--' })}
    </li>
  );
}

function DeviceStrip(): React.JSX.Element {
  const t = useT();
  const devices = useApp((s) => s.info?.devices ?? []);
  return (
    <ul className="device-strip" aria-label={t('console.devices')}>
      <PbxIndicator />
      {devices.filter((d) => d.kind !== 'pbx').map((d) => (
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
