/**
 * ux.md K2: no operable kiosk control higher than 1220 mm or lower than
 * 380 mm above the floor (ADA 2010 §308.2.1, EN 301 549 §8.3 unobstructed
 * forward reach). The kiosk knows its panel's visible height and how high its
 * bottom edge is mounted (settings); from those it works out which strips of
 * the screen, in CSS px, are out of reach and may hold read-only content only.
 */
export const REACH_HIGH_MM = 1220;
export const REACH_LOW_MM = 380;

export interface PanelMount {
  /** Visible height of the panel in mm (a 23.8" 16:9 landscape panel: 297). */
  heightMm: number;
  /** Height of the panel's lower visible edge above the floor, in mm. */
  bottomMm: number;
}

export interface ReachBand {
  /** CSS px from the top of the screen that are above the reach limit. */
  topPx: number;
  /** CSS px from the bottom of the screen that are below it. */
  bottomPx: number;
}

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/** The out-of-reach strips for a screen `screenPx` CSS px tall; whole px, rounded towards safety. */
export function reachBand(panel: PanelMount, screenPx: number): ReachBand {
  const pxPerMm = screenPx / panel.heightMm;
  const topMm = panel.bottomMm + panel.heightMm;
  const topPx = Math.ceil(clamp(topMm - REACH_HIGH_MM, 0, panel.heightMm) * pxPerMm);
  const bottomPx = Math.ceil(clamp(REACH_LOW_MM - panel.bottomMm, 0, panel.heightMm) * pxPerMm);
  // A panel mounted so that no strip is reachable still gets a layout; the check then fails loudly.
  return topPx + bottomPx >= screenPx ? { topPx: 0, bottomPx: 0 } : { topPx, bottomPx };
}

/** Height above the floor, in mm, of a point `y` CSS px from the top of the screen. */
export function heightAboveFloorMm(panel: PanelMount, screenPx: number, y: number): number {
  return panel.bottomMm + panel.heightMm * (1 - y / screenPx);
}
