import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../../electron/services/api-handler';
import { createCallsHandlers } from '../../../electron/services/handlers/calls';
import { journalPathFor } from '../../../electron/services/pbx/pbx-service';
import type { PbxService } from '../../../electron/services/pbx/pbx-service';
import type { ServiceContext } from '../../../electron/services/service-context';
import { SettingsStore } from '../../../electron/services/settings-store';
import { EventLog, seeded, testService } from '../pbx/service-harness';

describe('PBX simulator as the demo source (R-C1, R-C2)', () => {
  let service: PbxService | null = null;
  let dir = '';
  afterEach(async () => {
    await service?.stop();
    service = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('R-C1 R-C2: with nothing configured, the simulator feeds realistic Panasonic lines through framer → journal → parser', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pbx-svc-sim-'));
    const events = new EventLog();
    service = testService(dir, events, { simulatorPaceMs: 2, random: seeded(42) }).service;
    await service.start();
    expect(service.getSettings()).toMatchObject({ source: 'simulator', format: 'auto' });
    await events.until(() => events.logged.filter((e) => e.kind === 'call').length >= 120, '120 simulated calls', 8000);
    await service.stop();

    const calls = events.logged.flatMap((e) => (e.call === null ? [] : [e.call]));
    expect(calls.every((c) => c.format === 'panasonic')).toBe(true);
    expect(service.getStatus().format).toBe('auto: panasonic');
    // The mix the console needs: quick and late answers, missed, outgoing with cost, internal, transfers.
    const incoming = calls.filter((c) => c.direction === 'in' && !c.unanswered);
    expect(incoming.some((c) => (c.ringSec ?? 99) <= 15)).toBe(true);
    expect(incoming.some((c) => (c.ringSec ?? 0) > 15)).toBe(true);
    expect(calls.some((c) => c.unanswered && c.durationSec === 0)).toBe(true);
    expect(calls.some((c) => c.direction === 'out' && c.cost !== null && c.currency === 'CNY')).toBe(true);
    expect(calls.some((c) => c.direction === 'internal' && c.trunk === null)).toBe(true);
    expect(calls.some((c) => c.transferred)).toBe(true);
    const kinds = new Set(events.logged.map((e) => e.kind));
    expect(kinds).toEqual(new Set(['header', 'blank', 'call', 'unrecognized']));
    // Every event line is in the journal file, one entry each.
    const journaled = readFileSync(journalPathFor(dir, 'pbx-1'), 'utf8').trim().split('\n');
    expect(journaled.length).toBeGreaterThanOrEqual(events.logged.length);
    expect(events.logged.map((e) => e.seq)).toEqual(events.logged.map((_, i) => i + 1));
  });

  it('R-O3: the calls handlers read status and settings; switching the source off says so', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pbx-handlers-'));
    const closers: (() => Promise<void> | void)[] = [];
    const hub = new EventHub();
    const states: string[] = [];
    hub.tap((event, payload) => {
      if (event === 'calls:statusChanged' && typeof payload === 'object' && payload !== null && 'state' in payload) states.push(String(payload.state));
    });
    const ctx: ServiceContext = { dataDir: dir, settings: await SettingsStore.open(dir), events: hub, onClose: (fn) => closers.push(fn) };
    const h = createCallsHandlers(ctx, { simulatorPaceMs: 60_000, silenceCheckMs: 0 });
    const role = { role: 'console' } as const;
    expect(await h['calls:status']({}, role)).toMatchObject({ state: 'connected', source: 'simulator' });
    const current = await h['calls:getSettings']({}, role);
    const next = await h['calls:updateSettings']({ ...current, source: 'off' }, role);
    expect(next.source).toBe('off');
    expect(await h['calls:status']({}, role)).toMatchObject({ state: 'off' });
    expect(states.at(-1)).toBe('off');
    expect(JSON.parse(readFileSync(join(dir, 'pbx-settings.json'), 'utf8'))).toMatchObject({ source: 'off' });
    const page = await h['calls:since']({ afterSeq: -1, limit: 10 }, role);
    expect(page.entries.map((e) => e.kind)).toEqual(['header', 'header']);
    for (const c of closers.reverse()) await c();
  });
});
