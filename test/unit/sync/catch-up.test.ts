/**
 * The catch-up signal of applyPage (issue 3): while pulled pages keep coming
 * with more behind them, list screens refresh on a timer instead of after
 * every page; a lone change never starts a catch-up, so it shows at once.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PullResponse } from '../../../shared/sync/protocol';
import { FrontdeskDb } from '../../../renderer/db/schema';
import { applyPage } from '../../../renderer/sync/apply-page';
import { BURST_MS, isCatchingUp, onCatchUp, pageArriving, resetCatchUp } from '../../../renderer/sync/catch-up';
import { CATCH_UP_REFRESH_MS, pacedRefreshMs } from '../../../renderer/db/paced-live-query';
import { visit } from '../hub/fixtures';

const H = (n: number): string => `${String(1_800_000_000_000 + n).padStart(15, '0')}-00000-hub`;
const change = (key: string, seq: number) => ({ table: 'visits' as const, key, seq, fields: { ...visit(key) }, fieldHlc: {}, deletedHlc: null });
const page = (from: number, n: number, hasMore: boolean): PullResponse => ({
  epoch: 'e1',
  reset: false,
  changes: Array.from({ length: n }, (_, i) => change(`v${from + i}`, from + i + 1)),
  nextCursor: from + n,
  hasMore,
  hubHlc: H(from + n),
});
let n = 0;
const fresh = (): FrontdeskDb => new FrontdeskDb(`catch-up-${(n += 1)}-${Date.now()}`);

afterEach(() => {
  resetCatchUp();
  vi.useRealTimers();
});

describe('catching up', () => {
  it('R-X1 a lone pulled change never marks a catch-up (a single sign-in shows at once)', async () => {
    const seen: boolean[] = [];
    const off = onCatchUp((c) => seen.push(c));
    await applyPage(fresh(), page(0, 1, false), 0, 'receptionist');
    off();
    expect(seen).toEqual([]);
    expect(isCatchingUp()).toBe(false);
  });

  it('R-X1 pages with more behind them mark a catch-up before their transaction commits; the last page ends it', async () => {
    const database = fresh();
    const seen: { catchingUp: boolean; rows: number }[] = [];
    // The listener runs synchronously: the first page's rows are not yet committed when it hears "catching up".
    const off = onCatchUp((c) => void database.visits.count().then((rows) => seen.push({ catchingUp: c, rows })));
    await applyPage(database, page(0, 3, true), 0, 'receptionist');
    expect(isCatchingUp()).toBe(true);
    await applyPage(database, page(3, 3, true), 3, 'receptionist');
    expect(isCatchingUp()).toBe(true);
    await applyPage(database, page(6, 2, false), 6, 'receptionist');
    expect(isCatchingUp()).toBe(false);
    await database.visits.count();
    off();
    expect(seen).toEqual([
      { catchingUp: true, rows: 0 },
      { catchingUp: false, rows: 8 },
    ]);
  });

  it('R-X1 a catch-up whose pull stopped half-way ends by itself, so screens go live again', () => {
    vi.useFakeTimers();
    pageArriving(true);
    expect(isCatchingUp()).toBe(true);
    vi.advanceTimersByTime(2000);
    pageArriving(true); // another page: the clock starts again
    vi.advanceTimersByTime(2500);
    expect(isCatchingUp()).toBe(true);
    vi.advanceTimersByTime(600);
    expect(isCatchingUp()).toBe(false);
  });

  it('R-X1 single pages in a burst (a kiosk pushing its backlog batch by batch, each poked) pace the lists until a quiet second', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const database = fresh();
    const seen: boolean[] = [];
    const off = onCatchUp((c) => seen.push(c));
    await applyPage(database, page(0, 1, false), 0, 'receptionist');
    expect(isCatchingUp()).toBe(false); // the first shows at once
    vi.advanceTimersByTime(BURST_MS / 2);
    await applyPage(database, page(1, 1, false), 1, 'receptionist');
    expect(isCatchingUp()).toBe(true); // hard on its heels: a burst
    vi.advanceTimersByTime(BURST_MS / 2);
    await applyPage(database, page(2, 1, false), 2, 'receptionist');
    vi.advanceTimersByTime(900);
    expect(isCatchingUp()).toBe(true); // each page of the burst keeps it going
    vi.advanceTimersByTime(200);
    expect(isCatchingUp()).toBe(false); // a quiet second ends it: the lists go live and show the last page
    expect(await database.visits.count()).toBe(3);
    // A page long after the burst is a lone change again.
    vi.advanceTimersByTime(BURST_MS);
    await applyPage(database, page(3, 1, false), 3, 'receptionist');
    expect(isCatchingUp()).toBe(false);
    off();
    expect(seen).toEqual([true, false]);
  });

  it('R-X1 the pages of one paged pull are not a burst: its last page ends the catch-up at once', async () => {
    const database = fresh();
    await applyPage(database, page(0, 2, true), 0, 'receptionist');
    await applyPage(database, page(2, 2, true), 2, 'receptionist');
    await applyPage(database, page(4, 1, false), 4, 'receptionist');
    expect(isCatchingUp()).toBe(false);
  });

  it('R-X1 while catching up a list re-reads at most once a second, and less often the longer a read takes', () => {
    expect(pacedRefreshMs(30)).toBe(CATCH_UP_REFRESH_MS);
    expect(pacedRefreshMs(250)).toBe(CATCH_UP_REFRESH_MS);
    // A board of 10,000 visits read in half a second on a busy desk: re-read every two seconds, a fifth of the time.
    expect(pacedRefreshMs(500)).toBe(2000);
  });
});
