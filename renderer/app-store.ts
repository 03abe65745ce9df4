import { create } from 'zustand';
import type { AppInfo, DeviceStatus, Settings } from '../shared/api';

interface AppState {
  info: AppInfo | null;
  setInfo: (info: AppInfo) => void;
  setSettings: (settings: Settings) => void;
  setDevices: (devices: DeviceStatus[]) => void;
}

/** What the main side told us at start-up, kept current by its events. */
export const useApp = create<AppState>((set) => ({
  info: null,
  setInfo: (info) => set({ info }),
  setSettings: (settings) => set((s) => (s.info ? { info: { ...s.info, settings } } : s)),
  setDevices: (devices) => set((s) => (s.info ? { info: { ...s.info, devices } } : s)),
}));

/** Settings, once start-up has finished (every face renders after that). */
export function useSettings(): Settings {
  const info = useApp((s) => s.info);
  if (!info) throw new Error('settings used before start-up');
  return info.settings;
}
