import { lazy, Suspense } from 'react';
import { useT } from '../../i18n';
import type { DockProps } from './KeyboardDock';

// Loaded when the first text screen opens, not with the welcome screen (initial JS budget).
const KeyboardDock = lazy(() => import('./KeyboardDock'));

/** Docked at the bottom of every text-entry screen (ux.md K18); the space is held while it loads. */
export function OnScreenKeyboard(props: DockProps): React.JSX.Element {
  const t = useT();
  // A named region: a landmark of its own beside main and the navigation.
  return (
    <section className={`k-kb k-kb-${props.kind}`} aria-label={t('kiosk.kb.label')}>
      <Suspense fallback={<div className="k-kb-dock" />}>
        <KeyboardDock {...props} />
      </Suspense>
    </section>
  );
}
