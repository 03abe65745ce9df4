import 'fake-indexeddb/auto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_EVENTS, CALL_METHODS, type JournalEntry, type PbxSettings } from '../../../shared/api/calls';
import { toApiEntry } from '../../../electron/services/pbx/journal-view';
import { DEFAULT_PBX_SETTINGS } from '../../../electron/services/pbx/pbx-settings-file';
import { journalPathFor, type PbxService } from '../../../electron/services/pbx/pbx-service';
import { formatByName } from '../../../hardware/pbx/formats/index';
import { SmdrJournal } from '../../../hardware/pbx/journal';
import { SmdrLink } from '../../../hardware/pbx/smdr-link';
import { patternCLine } from '../../../hardware/sim/pbx-simulator';
import { recordCallback } from '../../../renderer/console/calls/actions';
import { LOG_LIMIT, mergeArrived, storedAmong, useArrivedCalls, whenStored } from '../../../renderer/console/calls/arrived-calls';
import { CallIngest, cursorKey, ingestEntries, isTransition, LEGACY_CURSOR_KEY, type ReadSince } from '../../../renderer/console/calls/call-ingest';
import { db } from '../../../renderer/db/schema';
import { EventLog, testService } from '../pbx/service-harness';

/**
 * Issue 4 and R-C1/R-C5 on the console side: journal lines from real PBX
 * journals (framer, fdatasync, parser) through the real PBX service's
 * `calls:since` (checked against the contract) into Dexie (fake-indexeddb).
 */
const at = new Date('2026-11-20T09:30:00');
const incoming = (number: string, missed = false): string =>
  patternCLine(at, { ext: '6001', co: '0001', dial: `<I>${number}`, ringSec: 4, talkSec: missed ? 0 : 30, cost: null, cd: missed ? 'NA' : '' });

let dir: string;
const links: SmdrLink[] = [];
const services: PbxService[] = [];

/** A PBX's journal in the service's data folder, as its link writes it; returns what `calls:logged` would carry. */
function journal(pbxId: string, ...lines: string[]): JournalEntry[] {
  const link = new SmdrLink({ journal: new SmdrJournal(journalPathFor(dir, pbxId), pbxId, () => at), format: formatByName('panasonic'), dateOrder: 'mdy' });
  link.open();
  const out = link.receive(Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'latin1')).map(toApiEntry);
  link.close();
  return CALL_EVENTS['calls:logged'].payload.parse(out);
}

/** The real PBX service reading `pbxId`'s journal (collection off: the journal is all it serves). */
async function serviceFor(pbxId: string): Promise<PbxService> {
  const settings: PbxSettings = { ...DEFAULT_PBX_SETTINGS, source: 'off', format: 'panasonic', pbxId };
  writeFileSync(join(dir, 'pbx-settings.json'), JSON.stringify(settings));
  const { service } = testService(dir, new EventLog());
  await service.start();
  services.push(service);
  return service;
}

/** `calls:since` as the renderer gets it: the service's answer through the contract's schema. */
const readerOf =
  (service: PbxService, log: number[][] = []): ReadSince =>
  (afterSeq, limit) => {
    log.push([afterSeq, limit]);
    return Promise.resolve(CALL_METHODS['calls:since'].response.parse(service.since(afterSeq, limit)));
  };

/** A console starting up against `service`: its catch-up runs to the end, then it stops. */
async function catchUpFrom(service: PbxService, log?: number[][]): Promise<void> {
  const ingest = new CallIngest({ readSince: readerOf(service, log) });
  ingest.start();
  await ingest.idle();
  ingest.stop();
}

const numbers = async (): Promise<string[]> => (await db.calls.toArray()).map((c) => c.number ?? '').sort();
const cursor = async (pbxId: string): Promise<string | undefined> => (await db.meta.get(cursorKey(pbxId)))?.value;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-ingest-'));
  useArrivedCalls.setState({ calls: [], failed: new Set() });
  await Promise.all(db.tables.map((t) => t.clear()));
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const l of links.splice(0)) l.close();
  for (const s of services.splice(0)) await s.stop();
});

describe('R-C1: the catch-up cursor is kept per PBX id', () => {
  it("a second PBX's first lines are read by the catch-up although the first PBX's journal is further on", async () => {
    journal('pbx-a', ...Array.from({ length: 5 }, (_, i) => incoming(`1391000000${i}`)));
    journal('pbx-b', incoming('13920000001'), incoming('13920000002'), 'garbage no format knows');
    const a = await serviceFor('pbx-a');
    await catchUpFrom(a);
    expect(await cursor('pbx-a')).toBe('5');
    // The desk is switched to the second PBX: its journal starts at seq 1 again.
    await a.stop();
    const b = await serviceFor('pbx-b');
    await catchUpFrom(b);
    expect(await numbers()).toEqual(['13910000000', '13910000001', '13910000002', '13910000003', '13910000004', '13920000001', '13920000002']);
    expect((await db.smdrLines.toArray()).map((l) => l.raw)).toEqual(['garbage no format knows']);
    expect([await cursor('pbx-a'), await cursor('pbx-b')]).toEqual(['5', '3']);
  });

  it('the old single cursor becomes the PBX\'s own when its rows are stored here, and is dropped otherwise (read from the start; nothing doubled)', async () => {
    const live = journal('pbx-a', incoming('13930000001'), incoming('13930000002'), incoming('13930000003'));
    journal('pbx-b', incoming('13940000001'));
    await ingestEntries(live);
    const outboxBefore = await db.outbox.count();
    // As an older version left it: one cursor for every PBX.
    await db.meta.delete(cursorKey('pbx-a'));
    await db.meta.put({ key: LEGACY_CURSOR_KEY, value: '3' });
    const calls: number[][] = [];
    const a = await serviceFor('pbx-a');
    await catchUpFrom(a, calls);
    expect(await cursor('pbx-a')).toBe('3');
    expect(await db.meta.get(LEGACY_CURSOR_KEY)).toBeUndefined();
    // Read after the migrated cursor, not from the start; nothing written again.
    expect(calls.at(-1)).toEqual([3, 500]);
    expect(await db.outbox.count()).toBe(outboxBefore);

    // The same old cursor on a console whose rows are another PBX's: that PBX is read from its start.
    await db.meta.put({ key: LEGACY_CURSOR_KEY, value: '3' });
    await a.stop();
    const b = await serviceFor('pbx-b');
    await catchUpFrom(b);
    expect(await numbers()).toContain('13940000001');
    expect(await cursor('pbx-b')).toBe('1');
    expect(await db.meta.get(LEGACY_CURSOR_KEY)).toBeUndefined();
  });
});

describe('issue 4: the ingest is one narrow transaction per batch and its cursor never runs ahead of the rows', () => {
  it('a batch is one transaction over calls, smdrLines, outbox and meta; a replay writes nothing', async () => {
    const entries = journal('pbx-a', ...Array.from({ length: 10 }, (_, i) => incoming(`1395000000${i}`)), 'noise');
    const spy = vi.spyOn(db, 'transaction');
    await ingestEntries(entries);
    expect(spy).toHaveBeenCalledTimes(1);
    const tables = (spy.mock.calls[0]![1] as unknown as { name: string }[]).map((t) => t.name).sort();
    expect(tables).toEqual(['calls', 'meta', 'outbox', 'smdrLines']);
    expect(await db.calls.count()).toBe(10);
    expect(await db.outbox.count()).toBe(11);
    await ingestEntries(entries);
    expect(await db.outbox.count()).toBe(11);
    expect(await cursor('pbx-a')).toBe('11');
  });

  it('a batch past a hole (events missed) is stored but does not move the cursor; the catch-up fills the hole', async () => {
    const entries = journal('pbx-a', ...Array.from({ length: 6 }, (_, i) => incoming(`1396000000${i}`)));
    await ingestEntries(entries.slice(0, 2));
    await ingestEntries(entries.slice(4));
    expect(await cursor('pbx-a')).toBe('2');
    await catchUpFrom(await serviceFor('pbx-a'));
    expect(await db.calls.count()).toBe(6);
    expect(await cursor('pbx-a')).toBe('6');
  });

  it('announced sequences that skip (events lost while the socket was down) bring a read-back that stores the missed lines', async () => {
    const entries = journal('pbx-a', ...Array.from({ length: 6 }, (_, i) => incoming(`1396100000${i}`)));
    const reads: number[][] = [];
    const ingest = new CallIngest({ readSince: readerOf(await serviceFor('pbx-a'), reads), pollMs: 0 });
    ingest.logged(entries.slice(0, 2));
    await ingest.idle();
    expect(reads).toEqual([]);
    ingest.logged(entries.slice(4));
    await ingest.idle();
    ingest.stop();
    expect(reads.length).toBeGreaterThan(0);
    expect(await db.calls.count()).toBe(6);
    expect(await cursor('pbx-a')).toBe('6');
  });

  it('only a change of the link (state, since, source) asks for a read-back, not the status after each line', () => {
    const s = { state: 'connected', since: '2026-11-20T09:00:00.000Z', lastLineAt: null, source: '/dev/pts/3 9600 8N1', format: 'panasonic', unrecognizedCount: 0, detail: '' } as const;
    expect(isTransition(null, s)).toBe(true);
    expect(isTransition(s, { ...s, lastLineAt: '2026-11-20T09:30:00.000Z', unrecognizedCount: 1 })).toBe(false);
    expect(isTransition(s, { ...s, state: 'disconnected' })).toBe(true);
    expect(isTransition(s, { ...s, source: 'tcp 10.0.0.5:2300' })).toBe(true);
  });
});

describe('R-C1, R-C5, issue 4: a call is shown from the event at once, once only, and nothing done to it is lost', () => {
  it('an announced call is listed before its row is stored, and the stored row (with what the desk did) replaces it', async () => {
    await ingestEntries(journal('pbx-a', incoming('13970000001')));
    const before = await db.calls.orderBy('seq').reverse().toArray();
    const announced = journal('pbx-a', incoming('13970000002'));
    useArrivedCalls.getState().add(announced);
    const arrived = useArrivedCalls.getState().calls;
    expect(mergeArrived(before, arrived, LOG_LIMIT).map((c) => c.number)).toEqual(['13970000002', '13970000001']);
    await ingestEntries(announced);
    await db.calls.update(arrived[0]!.id, { callback: 'done' });
    const after = await db.calls.orderBy('seq').reverse().toArray();
    const shown = mergeArrived(after, arrived, LOG_LIMIT);
    expect(shown.map((c) => c.number)).toEqual(['13970000002', '13970000001']);
    expect(shown[0]!.callback).toBe('done');
    useArrivedCalls.getState().settle(storedAmong(after, arrived));
    expect(useArrivedCalls.getState().calls).toEqual([]);
  });

  it('"no answer" taken on a missed call shown from the event waits for its stored row and is recorded on it', async () => {
    const [missed] = journal('pbx-a', incoming('13980000001', true));
    const ingest = new CallIngest({ readSince: () => Promise.resolve({ entries: [], hasMore: false, pbxId: 'pbx-a' }) });
    // The action comes first: its row is not stored yet.
    const recorded = recordCallback(missed!.id, 'noAnswer', '', '李娜');
    ingest.logged([missed!]);
    expect(useArrivedCalls.getState().calls.map((c) => c.callback)).toEqual(['open']);
    await recorded;
    await ingest.idle();
    ingest.stop();
    const row = await db.calls.get(missed!.id);
    expect(row?.callback).toBe('open');
    expect(row?.callbackLog?.map((l) => [l.outcome, l.by])).toEqual([['noAnswer', '李娜']]);
    expect((await db.audit.toArray()).map((a) => a.action)).toEqual(['callback.noAnswer']);
  });

  it('a call whose store fails stays in view, marked, and is stored by a retry; its waiters wake then', async () => {
    const [entry] = journal('pbx-a', incoming('13990000001'));
    const real = db.transaction.bind(db);
    let failures = 2;
    vi.spyOn(db, 'transaction').mockImplementation(((...args: Parameters<typeof db.transaction>) => {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new Error('QuotaExceededError'));
      }
      return (real as (...a: unknown[]) => unknown)(...args);
    }) as typeof db.transaction);
    const ingest = new CallIngest({ readSince: () => Promise.resolve({ entries: [], hasMore: false, pbxId: 'pbx-a' }), retryMs: [5] });
    let woke = false;
    const stored = whenStored(entry!.id).then(() => {
      woke = true;
    });
    ingest.logged([entry!]);
    await ingest.idle();
    expect(useArrivedCalls.getState().calls.map((c) => c.number)).toEqual(['13990000001']);
    expect(useArrivedCalls.getState().failed.has(entry!.id)).toBe(true);
    expect(woke).toBe(false);
    await stored;
    ingest.stop();
    expect(await numbers()).toEqual(['13990000001']);
    // No call-log screen is mounted here, so the ingest itself forgets the now stored call.
    expect(useArrivedCalls.getState().calls).toEqual([]);
    expect(useArrivedCalls.getState().failed.size).toBe(0);
  });
});
