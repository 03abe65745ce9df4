import { useEffect, useId, useRef } from 'react';
import { useT } from '../i18n';

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  children: React.ReactNode;
}

/**
 * A modal on the native <dialog>: it traps focus, closes on Esc and gives
 * focus back to the control that opened it (ux.md C4).
 */
export function Dialog({ open, title, onClose, children }: Props): React.JSX.Element {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const opener = document.activeElement;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
    return () => {
      // On a real unmount the element is already gone: give focus back to the opener (ux.md C4).
      if (!d.isConnected && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [open]);
  return (
    <dialog ref={ref} className="console-dialog" aria-labelledby={titleId} onClose={onClose}>
      {open && (
        <>
          <header className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="btn" onClick={onClose}>
              {t('console.close')}
            </button>
          </header>
          {children}
        </>
      )}
    </dialog>
  );
}
