import { create } from 'zustand';

interface PassesUi {
  /** The day whose handover sheet is open on the passes tab, or null. */
  sheetDay: string | null;
  openSheet: (day: string | null) => void;
}

export const usePassesUi = create<PassesUi>((set) => ({
  sheetDay: null,
  openSheet: (sheetDay) => set({ sheetDay }),
}));
