import { create } from 'zustand';
import type { Appointment, Staff, Visit } from '../../shared/domain/visit';
import { EMPTY_DRAFT, type VisitorDraft } from '../../shared/domain/visitor-input';
import type { ReturningVisitor } from '../db/kiosk-queries';
import { DEFAULT_LOCALE, useLocale, type MessageKey } from '../i18n';

export type Screen =
  | 'welcome'
  | 'code'
  | 'appointment'
  | 'phone'
  | 'returning'
  | 'name'
  | 'company'
  | 'category'
  | 'host'
  | 'id'
  | 'nda'
  | 'done'
  | 'reception'
  | 'signOut'
  | 'survey'
  | 'thanks';

/** A problem shown on the current screen: the input it belongs to and the message key. */
export interface KioskProblem {
  inputId: string;
  message: MessageKey;
}

interface KioskState {
  screen: Screen;
  history: Screen[];
  draft: VisitorDraft;
  /** Typed into the code / badge boxes; not part of the visitor draft. */
  code: string;
  badgeCode: string;
  hostQuery: string;
  appointment: Appointment | null;
  returning: ReturningVisitor | null;
  /** The visit just signed in or out: drives the badge preview and the survey. */
  visit: Visit | null;
  problems: KioskProblem[];
  /** Bumped on every reset so that screens remount and release the camera and canvas. */
  session: number;
  /** K5 "大字 / Large text": chosen on welcome, kept for the journey, off again after a reset. */
  largeText: boolean;
  toggleLargeText: () => void;
  go: (screen: Screen) => void;
  /** From welcome: a new journey with nothing of an abandoned one, in the language already chosen. */
  begin: (screen: Screen, values?: Partial<Pick<KioskState, 'code' | 'badgeCode'>>) => void;
  back: () => void;
  patch: (draft: Partial<VisitorDraft>) => void;
  set: (values: Partial<Pick<KioskState, 'code' | 'badgeCode' | 'hostQuery' | 'appointment' | 'returning' | 'visit'>>) => void;
  setProblems: (problems: KioskProblem[]) => void;
  /** K16: everything the visitor left behind goes, and the language returns to zh-CN. */
  reset: () => void;
  /** The neutral reception page (K14): the visitor's data is cleared at once. */
  toReception: () => void;
}

const blank = {
  history: [] as Screen[],
  draft: EMPTY_DRAFT,
  code: '',
  badgeCode: '',
  hostQuery: '',
  appointment: null,
  returning: null,
  visit: null,
  problems: [] as KioskProblem[],
};

export const useKiosk = create<KioskState>((set) => ({
  ...blank,
  screen: 'welcome',
  session: 0,
  largeText: false,
  toggleLargeText: () => set((s) => ({ largeText: !s.largeText })),
  // Going to the screen already shown (a double submit) must not add a history step.
  go: (screen) => set((s) => (s.screen === screen ? s : { screen, history: [...s.history, s.screen], problems: [] })),
  begin: (screen, values = {}) => set((s) => ({ ...blank, ...values, screen, history: ['welcome'], session: s.session + 1 })),
  back: () =>
    set((s) => {
      const previous = s.history.at(-1);
      return previous ? { screen: previous, history: s.history.slice(0, -1), problems: [] } : s;
    }),
  patch: (draft) => set((s) => ({ draft: { ...s.draft, ...draft } })),
  set: (values) => set(values),
  setProblems: (problems) => set({ problems }),
  reset: () => {
    useLocale.getState().setLocale(DEFAULT_LOCALE);
    set((s) => ({ ...blank, screen: 'welcome', session: s.session + 1, largeText: false }));
  },
  toReception: () => set((s) => ({ ...blank, screen: 'reception', session: s.session + 1 })),
}));

/** The staff directory, read once per page load; the kiosk never shows it as a list (K12). */
let staffCache: Promise<Staff[]> | null = null;
export function staffDirectory(load: () => Promise<Staff[]>): Promise<Staff[]> {
  staffCache ??= load();
  return staffCache;
}
