import { useEffect, useState } from 'react';
import { reachBand, type ReachBand } from '../../shared/reach-band';
import { useSettings } from '../app-store';

/** K2: the strips of this screen out of the visitor's reach, for the panel as mounted (settings). */
export function useReachBand(): ReachBand {
  const { kioskPanelHeightMm, kioskPanelBottomMm } = useSettings();
  const [screenPx, setScreenPx] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = (): void => setScreenPx(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return reachBand({ heightMm: kioskPanelHeightMm, bottomMm: kioskPanelBottomMm }, screenPx);
}
