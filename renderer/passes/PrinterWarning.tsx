import { useEffect } from 'react';
import { useApp } from '../app-store';
import { useT } from '../i18n';
import { call } from '../transport/api';
import { watchPrinting } from './print-store';

/**
 * One persistent warning in the status strip while the badge printer is
 * offline or out of labels (ux.md C8: persists until the condition clears;
 * C9: one item however many jobs fail, no toast per job).
 */
export function PrinterWarning(): React.JSX.Element | null {
  const t = useT();
  const printer = useApp((s) => s.info?.devices.find((d) => d.kind === 'badgePrinter'));
  useEffect(() => {
    // Without the service the strip keeps what app:info said; the reason goes to the main log.
    watchPrinting().catch((err: unknown) => void call('app:log', { level: 'warn', message: `printer status unavailable: ${String(err)}` }).catch(() => undefined));
  }, []);
  if (printer?.state !== 'disconnected') return null;
  const empty = printer.detail === 'mediaEmpty';
  return (
    <p className="printer-warning" role="status">
      <svg className="severity-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
        <polygon points="8,1 15,15 1,15" fill="currentColor" />
        <rect x="7" y="5" width="2" height="5" fill="#fff" />
      </svg>{' '}
      <strong>{t(empty ? 'passes.printer.mediaEmpty' : 'passes.printer.offline')}</strong> {t(empty ? 'passes.printer.mediaEmptyHelp' : 'passes.printer.offlineHelp')}
    </p>
  );
}
