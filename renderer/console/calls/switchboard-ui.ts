import { create } from 'zustand';
import type { PbxStatus } from '../../../shared/api/calls';

interface SwitchboardUi {
  /** The call the operator selected; kept by id so arriving calls never move it. */
  selectedCallId: string | null;
  select: (id: string | null) => void;
  /** A message form the operator asked for (F6 or from a call), with what is known of the caller. */
  messageDraft: { callerName: string; callerNumber: string; forStaffId: string } | null;
  takeMessage: (draft?: Partial<{ callerName: string; callerNumber: string; forStaffId: string }>) => void;
  closeMessage: () => void;
  /** Bumped by F7 so the calls screen moves focus to its call-back list (a user request, ux.md C4). */
  callbackFocus: number;
  askCallbacks: () => void;
  /** Called once the list took focus, so a later visit to the tab does not move focus. */
  callbacksFocused: () => void;
  pbx: PbxStatus | null;
  /** True when the desk services cannot answer for the PBX (no service yet, or an error). */
  pbxUnavailable: boolean;
  setPbx: (status: PbxStatus | null, unavailable?: boolean) => void;
  /** A query the command palette hands to the directory screen. */
  directoryAsk: string | null;
  askDirectory: (query: string | null) => void;
  pbxSettingsOpen: boolean;
  setPbxSettingsOpen: (open: boolean) => void;
}

export const useSwitchboard = create<SwitchboardUi>((set) => ({
  selectedCallId: null,
  select: (selectedCallId) => set({ selectedCallId }),
  messageDraft: null,
  takeMessage: (d = {}) => set({ messageDraft: { callerName: d.callerName ?? '', callerNumber: d.callerNumber ?? '', forStaffId: d.forStaffId ?? '' } }),
  closeMessage: () => set({ messageDraft: null }),
  callbackFocus: 0,
  askCallbacks: () => set((s) => ({ callbackFocus: s.callbackFocus + 1 })),
  callbacksFocused: () => set({ callbackFocus: 0 }),
  pbx: null,
  pbxUnavailable: false,
  setPbx: (pbx, unavailable = false) => set({ pbx, pbxUnavailable: unavailable }),
  directoryAsk: null,
  askDirectory: (directoryAsk) => set({ directoryAsk }),
  pbxSettingsOpen: false,
  setPbxSettingsOpen: (pbxSettingsOpen) => set({ pbxSettingsOpen }),
}));
