import { useEffect } from 'react';
import { acknowledgeAlert } from '../db/visits';
import { db } from '../db/schema';
import { DEFAULT_OPERATOR, TABS, useConsoleUi } from './ui-store';

/** Every global shortcut uses a modifier or an F-key (ux.md C1); the help sheet lists these. */
export const SHORTCUTS = [
  { keys: 'F1', action: 'help' },
  { keys: 'Ctrl+K', action: 'search' },
  { keys: 'F2', action: 'signIn' },
  { keys: 'Ctrl+N', action: 'newAppointment' },
  { keys: 'F6', action: 'takeMessage' },
  { keys: 'F7', action: 'callbacks' },
  { keys: 'F8', action: 'ackNewest' },
  { keys: `Alt+1 … Alt+${Math.min(9, TABS.length)}`, action: 'tabs' },
  { keys: 'Esc', action: 'close' },
] as const;

/** Acknowledges the oldest open host notice without touching focus, so typing goes on (ux.md C4). */
async function ackOldestHostNotice(): Promise<void> {
  const open = await db.alerts.orderBy('createdAt').filter((a) => !a.ackAt && a.kind === 'hostNotify').first();
  if (!open) return;
  const actor = useConsoleUi.getState().operator.trim() || DEFAULT_OPERATOR;
  await acknowledgeAlert(open.id, actor);
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const ui = useConsoleUi.getState();
      if (e.key === 'F1') {
        e.preventDefault();
        ui.setHelpOpen(true);
      } else if (e.key === 'F2') {
        e.preventDefault();
        ui.setTab('board');
        ui.setSignInOpen(true);
      } else if (e.key === 'F8') {
        e.preventDefault();
        void ackOldestHostNotice();
      } else if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        // The board and the register have a search of their own (names, badge scans): Ctrl+K
        // goes there first, and a second Ctrl+K from that box widens to the palette (ux.md C3).
        const inScreenSearch = document.activeElement instanceof HTMLInputElement && document.activeElement.type === 'search' && document.activeElement.closest('.console-main') !== null;
        if (ui.paletteOpen) return;
        if ((ui.tab === 'board' || ui.tab === 'register') && !inScreenSearch) ui.askSearch();
        else ui.setPaletteOpen(true);
      } else if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        ui.setTab('appointments');
        ui.setAppointmentFormOpen(true);
      } else if (e.altKey && !e.ctrlKey && /^Digit[1-9]$/.test(e.code) && Number(e.code.slice(5)) <= TABS.length) {
        e.preventDefault();
        ui.setTab(TABS[Number(e.code.slice(5)) - 1]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
