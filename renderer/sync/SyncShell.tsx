/**
 * Wraps a face: until this origin holds a session fit for the face it shows
 * the login / pairing gate; then the face, with the sync status always
 * visible (the console's top bar; a corner of the kiosk's welcome screen).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { SyncRejects, SyncStatus } from '../components/SyncStatus';
import { db } from '../db/schema';
import { useKiosk } from '../kiosk/store';
import { SyncGate } from './SyncGate';
import { sessionFits } from './session';
import { readSession } from './sync-meta';
import { adoptOperator } from './start';

type Face = 'kiosk' | 'console' | 'cards';

/** The console's top bar once it is in the DOM (the console face owns it; the status joins it). */
function useTopBarSlot(enabled: boolean): HTMLElement | null {
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    const find = (): boolean => {
      const bar = document.querySelector('header.top-bar');
      if (!(bar instanceof HTMLElement)) return false;
      setSlot(bar);
      return true;
    };
    if (find()) return undefined;
    const watcher = new MutationObserver(() => {
      if (find()) watcher.disconnect();
    });
    watcher.observe(document.body, { childList: true, subtree: true });
    return () => watcher.disconnect();
  }, [enabled]);
  return slot;
}

function KioskStatus(): React.JSX.Element | null {
  // Discreet, for staff: only on the welcome screen, never over a visitor's form.
  const screen = useKiosk((s) => s.screen);
  return screen === 'welcome' ? (
    <div className="sync-floating">
      <SyncStatus face="kiosk" />
    </div>
  ) : null;
}

export function SyncShell({ face, hubUrl, children }: { face: Face; hubUrl: string; children: React.ReactNode }): React.ReactNode {
  const session = useLiveQuery(() => readSession(db.meta), []);
  const fits = session !== undefined && sessionFits(face, session);
  useEffect(() => {
    if (fits && session) void adoptOperator(face, session);
  }, [face, fits, session]);
  const slot = useTopBarSlot(face === 'console' && fits);
  if (session === undefined) return null;
  if (!fits) return <SyncGate face={face} hubUrl={hubUrl} />;
  return (
    <>
      {children}
      {face === 'kiosk' && <KioskStatus />}
      {face === 'console' && (slot ? createPortal(<SyncStatus face="console" />, slot) : <div className="sync-floating"><SyncStatus face="console" /></div>)}
      {face === 'console' && <SyncRejects />}
      {face === 'cards' && (
        <div className="sync-floating">
          <SyncStatus face="cards" />
        </div>
      )}
    </>
  );
}
