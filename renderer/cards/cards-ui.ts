import { create } from 'zustand';

export const CARD_TABS = [
  'apply',
  'queue',
  'cards',
  'work',
  'evidence',
  'audit',
  'settings',
] as const;
export type CardTab = (typeof CARD_TABS)[number];

interface CardsUi {
  tab: CardTab;
  setTab: (tab: CardTab) => void;
  /** The application whose card is being made (queue screen). */
  making: string | null;
  setMaking: (id: string | null) => void;
}

/** UI state only: records live in Dexie. */
export const useCardsUi = create<CardsUi>((set) => ({
  tab: 'queue',
  setTab: (tab) => set({ tab }),
  making: null,
  setMaking: (making) => set({ making }),
}));
