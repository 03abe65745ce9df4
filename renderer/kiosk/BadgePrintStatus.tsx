import { useT } from '../i18n';
import '../styles/passes.css';
import { useBadgePrint } from './badge-print';

/**
 * The badge line of the done screen: busy text with words while printing
 * (K4), then where to get the badge. A printer problem is never explained to
 * the visitor; they are simply told to collect it at the desk (K14).
 */
export function BadgePrintStatus({ visitId }: { visitId: string }): React.JSX.Element {
  const t = useT();
  const phase = useBadgePrint((s) => (s.visitId === visitId ? s.phase : 'desk'));
  return (
    <p className="k-lead k-print-status" role="status" aria-live="polite" data-phase={phase}>
      {phase === 'printing' && <span className="k-spinner" aria-hidden="true" />}
      {t(phase === 'printing' ? 'kiosk.print.busy' : phase === 'done' ? 'kiosk.print.done' : 'kiosk.print.desk')}
    </p>
  );
}
