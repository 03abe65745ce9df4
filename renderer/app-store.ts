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
  // Each service reports its own devices: replace the kinds given, keep the others.
  setDevices: (devices) =>
    set((s) => {
      if (!s.info) return s;
      const kinds = new Set(devices.map((d) => d.kind));
      return { info: { ...s.info, devices: [...s.info.devices.filter((d) => !kinds.has(d.kind)), ...devices] } };
    }),
}));

/** Settings, once start-up has finished (every face renders after that). */
export function useSettings(): Settings {
  const info = useApp((s) => s.info);
  if (!info) throw new Error('settings used before start-up');
  return info.settings;
}
