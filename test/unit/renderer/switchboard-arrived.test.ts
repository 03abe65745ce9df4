import 'fake-indexeddb/auto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/api/calls';
import { toApiEntry } from '../../../electron/services/pbx/journal-view';
import { formatByName } from '../../../hardware/pbx/formats/index';
import { SmdrJournal } from '../../../hardware/pbx/journal';
import { SmdrLink } from '../../../hardware/pbx/smdr-link';
import { patternCLine } from '../../../hardware/sim/pbx-simulator';
import { ARRIVED_CAP, mergeArrived, storedAmong, useArrivedCalls } from '../../../renderer/console/calls/arrived-calls';
import { CURSOR_KEY, ingestEntries, isTransition } from '../../../renderer/console/calls/ingest';
import { db } from '../../../renderer/db/schema';

const at = new Date('2026-11-20T09:30:00');
const incoming = (number: string): string =>
  patternCLine(at, { ext: '6001', co: '0001', dial: `<I>${number}`, ringSec: 4, talkSec: 30, cost: null, cd: '' });

let dir: string;
let link: SmdrLink;

function openLink(): SmdrLink {
  const journal = new SmdrJournal(join(dir, 'journal.ndjson'), 'pbx-1', () => at);
  const l = new SmdrLink({ journal, format: formatByName('panasonic'), dateOrder: 'mdy' });
  l.open();
  return l;
}

/** Lines through the real framer, journal (fdatasync) and parser, as `calls:logged` carries them. */
function logged(...lines: string[]): JournalEntry[] {
  return link.receive(Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'latin1')).map(toApiEntry);
}

const rowsOf = (entries: readonly JournalEntry[]): ReturnType<typeof useArrivedCalls.getState>['calls'] => {
  useArrivedCalls.setState({ calls: [] });
  useArrivedCalls.getState().add(entries);
  return useArrivedCalls.getState().calls;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-arrived-'));
  link = openLink();
  useArrivedCalls.setState({ calls: [] });
  await Promise.all(db.tables.map((t) => t.clear()));
});
afterEach(() => link.close());

describe('R-C1, issue 4: a call is shown from the PBX event at once and once only', () => {
  it('an arrived call is listed before its stored row lands, and the stored row replaces it (no duplicate)', async () => {
    await ingestEntries(logged(incoming('13912340001')));
    const before = await db.calls.orderBy('seq').reverse().toArray();
    const announced = logged(incoming('13912340002'), 'garbage line no format knows');
    const arrived = rowsOf(announced);
    expect(arrived.map((c) => c.number)).toEqual(['13912340002']);

    // Shown from the event, newest first, while Dexie has only the older call.
    const shownEarly = mergeArrived(before, arrived, 5000);
    expect(shownEarly.map((c) => c.number)).toEqual(['13912340002', '13912340001']);

    // The stored row lands (the operator may already have changed it): one row per id, the stored one.
    await ingestEntries(announced);
    await db.calls.update(arrived[0]!.id, { callback: 'resolved' });
    const after = await db.calls.orderBy('seq').reverse().toArray();
    const shown = mergeArrived(after, arrived, 5000);
    expect(shown.map((c) => c.number)).toEqual(['13912340002', '13912340001']);
    expect(shown[0]).toBe(after[0]);
    expect(shown[0]!.callback).toBe('resolved');
    // What the log may forget from the arrived list: exactly the calls now stored.
    useArrivedCalls.getState().settle(storedAmong(after, arrived));
    expect(useArrivedCalls.getState().calls).toEqual([]);
    // The unrecognized line is kept as a row of its own.
    expect((await db.smdrLines.toArray()).map((l) => l.raw)).toEqual(['garbage line no format knows']);
  });

  it('an arrived call older than the stored rows (a late catch-up) is merged in sequence order', async () => {
    const [a, b, c] = logged(incoming('13912340011'), incoming('13912340012'), incoming('13912340013'));
    await ingestEntries([a!, c!]);
    const stored = await db.calls.orderBy('seq').reverse().toArray();
    expect(mergeArrived(stored, rowsOf([b!]), 5000).map((x) => x.number)).toEqual(['13912340013', '13912340012', '13912340011']);
    // The limit holds after the merge.
    expect(mergeArrived(stored, rowsOf([b!]), 2).map((x) => x.number)).toEqual(['13912340013', '13912340012']);
  });

  it('the same event twice adds one arrived row; the list keeps the newest ARRIVED_CAP', () => {
    // One real entry, repeated with the ids and sequences the journal would give the next lines.
    const [one] = logged(incoming('13912340031'));
    const entries = Array.from({ length: ARRIVED_CAP + 5 }, (_, i) => ({ ...one!, id: `${one!.id.slice(0, 12)}${String(i).padStart(8, '0')}`, seq: one!.seq + i }));
    useArrivedCalls.getState().add(entries.slice(0, 1));
    useArrivedCalls.getState().add(entries.slice(0, 1));
    expect(useArrivedCalls.getState().calls).toHaveLength(1);
    useArrivedCalls.getState().add(entries);
    const calls = useArrivedCalls.getState().calls;
    expect(calls).toHaveLength(ARRIVED_CAP);
    expect(calls[0]!.seq).toBe(entries.at(-1)!.seq);
    expect(new Set(calls.map((c) => c.id)).size).toBe(ARRIVED_CAP);
  });

  it('a restart replays the journal with the same ids: ingesting the replay and the live events again stores each call once, cursor in step', async () => {
    const live = logged(incoming('13912340021'), incoming('13912340022'), 'noise');
    await ingestEntries(live);
    link.close();
    link = openLink();
    const replay = [...link.releasedFrom(0, 100)].map(toApiEntry);
    expect(replay.map((e) => e.id)).toEqual(live.map((e) => e.id));
    // Event batch and catch-up page overlap: both written, nothing doubled.
    await ingestEntries([...replay, ...live]);
    expect((await db.calls.toArray()).map((c) => c.number).sort()).toEqual(['13912340021', '13912340022']);
    expect(await db.smdrLines.count()).toBe(1);
    // One outbox row per stored row: a replay writes nothing.
    expect(await db.outbox.count()).toBe(3);
    expect((await db.meta.get(CURSOR_KEY))?.value).toBe(String(live.at(-1)!.seq));
    // An older page never moves the cursor back.
    await ingestEntries(live.slice(0, 1));
    expect((await db.meta.get(CURSOR_KEY))?.value).toBe(String(live.at(-1)!.seq));
  });

  it('only a change of the link (state, since, source) asks for a catch-up, not the status after each line', () => {
    const s = { state: 'connected', since: '2026-11-20T09:00:00.000Z', lastLineAt: null, source: '/dev/pts/3 9600 8N1', format: 'panasonic', unrecognizedCount: 0, detail: '' } as const;
    expect(isTransition(null, s)).toBe(true);
    expect(isTransition(s, { ...s, lastLineAt: '2026-11-20T09:30:00.000Z', unrecognizedCount: 1 })).toBe(false);
    expect(isTransition(s, { ...s, state: 'disconnected' })).toBe(true);
    expect(isTransition(s, { ...s, since: '2026-11-20T09:31:00.000Z' })).toBe(true);
    expect(isTransition(s, { ...s, source: 'tcp 10.0.0.5:2300' })).toBe(true);
  });
});
