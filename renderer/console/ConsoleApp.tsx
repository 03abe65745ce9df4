import { useEffect } from 'react';
import { useT } from '../i18n';
import '../styles/console.css';
import { AlertsPanel } from './AlertsPanel';
import { AppointmentsScreen } from './AppointmentsScreen';
import { Board } from './Board';
import { CallsScreen } from './calls/CallsScreen';
import { DirectoryScreen } from './calls/DirectoryScreen';
import { MessagesScreen } from './calls/MessagesScreen';
import { PhoneBillScreen } from './calls/PhoneBillScreen';
import { SwitchboardLayer } from './calls/SwitchboardLayer';
import { CommandPalette } from './CommandPalette';
import { HelpSheet } from './HelpSheet';
import { OnSiteScreen } from './OnSiteScreen';
import { PassesScreen } from '../passes/PassesScreen';
import { PassesWatch } from '../passes/schedule';
import { RegisterScreen } from './RegisterScreen';
import { useShortcuts } from './shortcuts';
import { TopBar } from './TopBar';
import { TABS, restoreLocale, useConsoleUi, type Tab } from './ui-store';
import { WatchListScreen } from './WatchListScreen';

const SCREENS: Record<Tab, () => React.JSX.Element> = {
  board: Board,
  appointments: AppointmentsScreen,
  register: RegisterScreen,
  onSite: OnSiteScreen,
  watchlist: WatchListScreen,
  passes: PassesScreen,
  calls: CallsScreen,
  messages: MessagesScreen,
  directory: DirectoryScreen,
  phoneBill: PhoneBillScreen,
};

export default function ConsoleApp(): React.JSX.Element {
  const t = useT();
  const tab = useConsoleUi((s) => s.tab);
  const setTab = useConsoleUi((s) => s.setTab);
  useEffect(restoreLocale, []);
  useShortcuts();
  const Screen = SCREENS[tab];
  return (
    <div className="console">
      <TopBar />
      <nav className="console-tabs no-print" aria-label={t('console.nav')}>
        {TABS.map((id, i) => (
          <button
            key={id}
            type="button"
            className="console-tab"
            aria-current={tab === id ? 'page' : undefined}
            aria-keyshortcuts={`Alt+${i + 1}`}
            onClick={() => setTab(id)}
          >
            {t(`console.tab.${id}`)} <kbd>Alt+{i + 1}</kbd>
          </button>
        ))}
        <button type="button" className="console-tab console-help-button" aria-keyshortcuts="F1" onClick={() => useConsoleUi.getState().setHelpOpen(true)}>
          {t('console.help.open')} <kbd>F1</kbd>
        </button>
      </nav>
      <div className="console-body">
        <main className="console-main" aria-label={t(`console.tab.${tab}`)}>
          <Screen />
        </main>
        <AlertsPanel />
      </div>
      <HelpSheet />
      <CommandPalette />
      <PassesWatch />
      <SwitchboardLayer />
    </div>
  );
}
