/** ux.md K2: the strips of a kiosk panel out of forward reach (1220 mm high, 380 mm low). */
import { describe, expect, it } from 'vitest';
import { heightAboveFloorMm, reachBand } from '../../../shared/reach-band';

describe('K2 reach band', () => {
  it('a 23.8" landscape panel on a stand (297 mm, lower edge at 900 mm) is within reach everywhere', () => {
    expect(reachBand({ heightMm: 297, bottomMm: 900 }, 1080)).toEqual({ topPx: 0, bottomPx: 0 });
  });

  it('a 32" portrait panel with its lower edge at 700 mm reserves the 188 mm above 1220 mm', () => {
    // 1408 mm top edge; 188 mm of 708 mm on 1920 px is 509.8 px, rounded up.
    const band = reachBand({ heightMm: 708, bottomMm: 700 }, 1920);
    expect(band).toEqual({ topPx: 510, bottomPx: 0 });
    expect(heightAboveFloorMm({ heightMm: 708, bottomMm: 700 }, 1920, band.topPx)).toBeLessThanOrEqual(1220);
    expect(heightAboveFloorMm({ heightMm: 708, bottomMm: 700 }, 1920, band.topPx - 1)).toBeGreaterThan(1220);
  });

  it('a panel mounted low reserves its strip below 380 mm', () => {
    const panel = { heightMm: 708, bottomMm: 300 };
    const band = reachBand(panel, 1920);
    // (380 − 300) / 708 × 1920 = 216.9 → 217; the top edge (1008 mm) is within reach.
    expect(band).toEqual({ topPx: 0, bottomPx: 217 });
    expect(heightAboveFloorMm(panel, 1920, 1920 - band.bottomPx)).toBeGreaterThanOrEqual(380);
  });

  it('a panel with no reachable strip at all lays out as usual rather than leaving no room', () => {
    expect(reachBand({ heightMm: 300, bottomMm: 1300 }, 1080)).toEqual({ topPx: 0, bottomPx: 0 });
  });
});
