import '../../styles/switchboard.css';
import { useEffect } from 'react';
import { useConsoleUi } from '../ui-store';
import { useCallIngest } from './ingest';
import { MessageDialog } from './MessageDialog';
import { PbxSettingsDialog } from './PbxSettingsDialog';
import { useSwitchboard } from './switchboard-ui';

/** The switchboard's F-keys (ux.md C1): F6 takes a message, F7 opens the call-back list. */
function useSwitchboardShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'F6') {
        e.preventDefault();
        useSwitchboard.getState().takeMessage();
      } else if (e.key === 'F7') {
        e.preventDefault();
        useConsoleUi.getState().setTab('calls');
        useSwitchboard.getState().askCallbacks();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * Mounted once by the console: catches up with the PBX journal and follows
 * it, whichever tab is open, and hosts the message form any screen can open.
 */
export function SwitchboardLayer(): React.JSX.Element {
  useCallIngest();
  useSwitchboardShortcuts();
  return (
    <>
      <MessageDialog />
      <PbxSettingsDialog />
    </>
  );
}
