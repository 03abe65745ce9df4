import { create } from 'zustand';
import { LOCALES, useLocale, type Locale } from '../i18n';
import { noteOperator } from './calls/operator-log';

export const TABS = ['board', 'appointments', 'register', 'onSite', 'watchlist', 'calls', 'messages', 'directory', 'phoneBill', 'passes'] as const;
export type Tab = (typeof TABS)[number];

const OPERATOR_KEY = 'frontdesk.console.operator';
const LOCALE_KEY = 'frontdesk.console.locale';

/** The fallback actor until someone picks a name: writes are never anonymous. */
export const DEFAULT_OPERATOR = '前台';

function readStored(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // A locked-down profile may refuse storage; the choice then lasts for this session only.
  }
}

interface ConsoleUi {
  tab: Tab;
  setTab: (tab: Tab) => void;
  operator: string;
  setOperator: (name: string) => void;
  helpOpen: boolean;
  setHelpOpen: (open: boolean) => void;
  /** Bumped by Ctrl+K so the screen that owns a search box can focus it. */
  searchRequest: number;
  askSearch: () => void;
  /** Called by the screen that focused its search box, so a later visit to the tab does not move focus. */
  searchDone: () => void;
  /** The Ctrl+K command palette (ux.md C3). */
  paletteOpen: boolean;
  setPaletteOpen: (open: boolean) => void;
  /** Dialogs opened by shortcuts as well as by buttons. */
  signInOpen: boolean;
  setSignInOpen: (open: boolean) => void;
  appointmentFormOpen: boolean;
  setAppointmentFormOpen: (open: boolean) => void;
}

export const useConsoleUi = create<ConsoleUi>((set) => ({
  tab: 'board',
  setTab: (tab) => set({ tab }),
  operator: readStored(OPERATOR_KEY),
  setOperator: (operator) => {
    store(OPERATOR_KEY, operator);
    set({ operator });
    // Who is on shift when a call rings counts for the three-ring share per operator (R-C4).
    void noteOperator(operator);
  },
  helpOpen: false,
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  searchRequest: 0,
  askSearch: () => set((s) => ({ searchRequest: s.searchRequest + 1 })),
  searchDone: () => set({ searchRequest: 0 }),
  paletteOpen: false,
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  signInOpen: false,
  setSignInOpen: (signInOpen) => set({ signInOpen }),
  appointmentFormOpen: false,
  setAppointmentFormOpen: (appointmentFormOpen) => set({ appointmentFormOpen }),
}));

/** The name written into records as the one who did it. */
export function useActor(): string {
  const operator = useConsoleUi((s) => s.operator);
  return operator.trim() || DEFAULT_OPERATOR;
}

/** The console's language is the operator's choice and survives a restart (R-X2). */
export function restoreLocale(): void {
  const saved = readStored(LOCALE_KEY);
  const locale = LOCALES.find((l) => l === saved);
  if (locale) useLocale.getState().setLocale(locale);
  else document.documentElement.lang = useLocale.getState().locale;
}

export function chooseLocale(locale: Locale): void {
  store(LOCALE_KEY, locale);
  useLocale.getState().setLocale(locale);
}
