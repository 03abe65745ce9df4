import { lazy, Suspense } from 'react';
import type { DockProps } from './KeyboardDock';

// Loaded when the first text screen opens, not with the welcome screen (initial JS budget).
const KeyboardDock = lazy(() => import('./KeyboardDock'));

/** Docked at the bottom of every text-entry screen (ux.md K18); the space is held while it loads. */
export function OnScreenKeyboard(props: DockProps): React.JSX.Element {
  return (
    <div className={`k-kb k-kb-${props.kind}`}>
      <Suspense fallback={<div className="k-kb-dock" />}>
        <KeyboardDock {...props} />
      </Suspense>
    </div>
  );
}
