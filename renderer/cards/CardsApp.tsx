import { useEffect, useId } from 'react';
import { useApp } from '../app-store';
import { otherLocale, useLocale, useT } from '../i18n';
import { chooseLocale, restoreLocale, useConsoleUi } from '../console/ui-store';
import '../styles/console.css';
import '../styles/cards.css';
import { ApplyScreen } from './ApplyScreen';
import { AuditScreen } from './AuditScreen';
import { CardsScreen } from './CardsScreen';
import { CARD_TABS, useCardsUi, type CardTab } from './cards-ui';
import { EvidenceScreen } from './EvidenceScreen';
import { QueueScreen } from './QueueScreen';
import { SettingsScreen } from './SettingsScreen';
import { WorkScreen } from './WorkScreen';

const SCREENS: Record<CardTab, () => React.JSX.Element> = {
  apply: ApplyScreen,
  queue: QueueScreen,
  cards: CardsScreen,
  work: WorkScreen,
  evidence: EvidenceScreen,
  audit: AuditScreen,
  settings: SettingsScreen,
};

const STATE_ICON = { connected: '●', simulated: '◐', absent: '○', disconnected: '✕' } as const;

function EncoderStatus(): React.JSX.Element | null {
  const t = useT();
  const encoder = useApp((s) => s.info?.devices.find((d) => d.kind === 'cardEncoder'));
  if (!encoder) return null;
  return (
    <p className={`device device-${encoder.state}`} role="status" title={encoder.detail}>
      <span aria-hidden="true">{STATE_ICON[encoder.state]}</span> {t('console.device.cardEncoder')}{' '}
      · {t(`console.deviceState.${encoder.state}`)}
    </p>
  );
}

/** Alt+1…7 switch screens (ux.md C1), whatever has focus. */
function useTabKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const i = Number(e.key) - 1;
      const tab = CARD_TABS[i];
      if (tab) {
        e.preventDefault();
        useCardsUi.getState().setTab(tab);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The cards face (`/?role=cards`): a card's life from application to revocation, plus work visits and evidence. */
export default function CardsApp(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const settings = useApp((s) => s.info?.settings);
  const operator = useConsoleUi((s) => s.operator);
  const setOperator = useConsoleUi((s) => s.setOperator);
  const tab = useCardsUi((s) => s.tab);
  const setTab = useCardsUi((s) => s.setTab);
  const opId = useId();
  const other = otherLocale(locale);
  useEffect(restoreLocale, []);
  useTabKeys();
  const Screen = SCREENS[tab];
  return (
    <div className="console cards-face">
      <header className="top-bar">
        <h1 className="company">
          {locale === 'zh-CN' ? settings?.companyName : settings?.companyNameEn} ·{' '}
          {t('cards.title')}
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
        <EncoderStatus />
        <button
          type="button"
          className="btn lang"
          lang={other}
          aria-label={`${t('lang.switchLabel')}: ${t('lang.switch')}`}
          onClick={() => chooseLocale(other)}
        >
          {t('lang.switch')}
        </button>
      </header>
      <nav className="console-tabs" aria-label={t('cards.nav')}>
        {CARD_TABS.map((id, i) => (
          <button
            key={id}
            type="button"
            className="console-tab"
            aria-current={tab === id ? 'page' : undefined}
            aria-keyshortcuts={`Alt+${i + 1}`}
            onClick={() => setTab(id)}
          >
            {t(`cards.tab.${id}`)} <kbd>Alt+{i + 1}</kbd>
          </button>
        ))}
      </nav>
      <main className="console-main cards-main" aria-label={t(`cards.tab.${tab}`)}>
        <Screen />
      </main>
    </div>
  );
}
