import { createConnection } from 'node:net';
import type { Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PBX_SETTINGS, savePbxSettings } from '../../../electron/services/pbx/pbx-settings-file';
import type { PbxService } from '../../../electron/services/pbx/pbx-service';
import { EventLog, freePort, testService } from '../pbx/service-harness';

const AVAYA_1 = '2008/06/28 09:28:41,00:00:00,9,8004206,I,4324,4324,,0,1000014155,0,E4324,Joe Bloggs,T9161,LINE 5.1,0,0';
const AVAYA_2 = '2008/06/28 09:31:02,00:01:10,3,8004207,I,4325,4325,,0,1000014156,0,E4325,Ann Smith,T9162,LINE 5.2,0,0';
const CSV_LINES = [
  'When,Ext,Line,Dir,Number,Ring,Talk,Cost',
  '2024-06-01 10:00:00,201,0001,I,13800138000,5,65,',
  '2024-06-01 10:05:00,202,0002,O,02161234567,,120,0.60',
  ...[1, 2, 3, 4, 5].map((i) => `2024-06-01 11:0${i}:00,20${i},0001,E,20${i + 1},,${i * 10},`),
];

function connectTo(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('PBX service over TCP, listener mode (R-C1, R-O3)', () => {
  let service: PbxService | null = null;
  let dir = '';
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await service?.stop();
    service = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function listening(format: string): Promise<{ events: EventLog; clock: { skewMs: number }; port: number }> {
    dir = mkdtempSync(join(tmpdir(), 'pbx-svc-tcp-'));
    const port = await freePort();
    await savePbxSettings(dir, { ...DEFAULT_PBX_SETTINGS, source: 'tcpListener', tcpHost: '127.0.0.1', tcpPort: port, format, silentMinutes: 30 });
    const events = new EventLog();
    const t = testService(dir, events);
    service = t.service;
    await service.start();
    return { events, clock: t.clock, port };
  }

  it('R-C1 R-O3: waits for the PBX, logs its records (format auto-detected), goes silent after silentMinutes, wakes on the next line', async () => {
    const { events, clock, port } = await listening('auto');
    expect(service!.getStatus()).toMatchObject({ state: 'disconnected', detail: `waiting for the PBX to connect to port ${port}` });

    const pbx = await connectTo(port);
    sockets.push(pbx);
    await events.until(() => events.lastStatus?.state === 'connected', 'PBX connected');
    pbx.write(`${AVAYA_1}\r\n`);
    await events.until(() => events.logged.length === 1, 'first record');
    expect(events.logged[0]!.call).toMatchObject({ format: 'avaya-ipo', number: '8004206', ext: '4324', unanswered: true });
    expect(service!.getStatus().format).toBe('auto: avaya-ipo');
    const lastLineAt = service!.getStatus().lastLineAt;

    clock.skewMs = 29 * 60_000;
    service!.tick();
    expect(service!.getStatus().state).toBe('connected');
    clock.skewMs = 31 * 60_000;
    service!.tick();
    // "Silent since" the last line, not since the check noticed.
    expect(service!.getStatus()).toMatchObject({ state: 'silent', since: lastLineAt });
    expect(events.lastStatus?.state).toBe('silent');

    pbx.write(`${AVAYA_2}\r\n`);
    await events.until(() => events.logged.length === 2 && events.lastStatus?.state === 'connected', 'connected again');

    pbx.end();
    await events.until(() => events.lastStatus?.state === 'disconnected', 'PBX gone');
    expect(events.lastStatus?.detail).toBe(`waiting for the PBX to connect to port ${port}`);
    // The listener stays up: the PBX reconnects on its own.
    sockets.push(await connectTo(port));
    await events.until(() => events.lastStatus?.state === 'connected', 'PBX back');
  });

  it('R-C1: a user-defined CSV layout previews the last lines received, then parses live once saved', async () => {
    const { events, port } = await listening('auto');
    const pbx = await connectTo(port);
    sockets.push(pbx);
    pbx.write(CSV_LINES.map((l) => `${l}\r\n`).join(''));
    // No built-in format knows this PBX: after AUTO_HOLD_LINES lines they are shown as unrecognized, not dropped.
    await events.until(() => events.logged.length === 8, 'eight lines released');
    expect(events.logged.every((e) => e.kind === 'unrecognized')).toBe(true);
    expect(service!.getStatus()).toMatchObject({ unrecognizedCount: 8, format: 'auto: detecting' });
    const customLayout = {
      kind: 'csv' as const,
      fields: { startDate: 0, ext: 1, trunk: 2, direction: 3, number: 4, ringSec: 5, durationSec: 6, cost: 7 },
      dateFormat: 'YYYY-MM-DD hh:mm:ss',
    };
    const preview = service!.preview('custom', 'ymd', customLayout, 8);
    expect(preview.map((e) => e.kind)).toEqual(['header', ...Array<string>(7).fill('call')]);
    expect(preview[7]!.call).toMatchObject({ direction: 'internal', ext: '205', number: '206', durationSec: 50 });
    expect(preview[1]!.call).toMatchObject({ format: 'custom', start: '2024-06-01T10:00:00', end: '2024-06-01T10:01:10', ext: '201', trunk: '0001', direction: 'in', number: '13800138000', ringSec: 5, durationSec: 65, cost: null });
    expect(preview[2]!.call).toMatchObject({ direction: 'out', number: '02161234567', durationSec: 120, cost: 0.6 });

    const saved = await service!.updateSettings({ ...service!.getSettings(), format: 'custom', customLayout });
    expect(saved.format).toBe('custom');
    // Reopened with the layout: the journal replays with it, same ids.
    const entries = service!.since(-1, 10).entries;
    expect(entries.map((e) => e.kind)).toEqual(['header', ...Array<string>(7).fill('call')]);
    expect(service!.getStatus().unrecognizedCount).toBe(0);
    expect(entries.map((e) => e.id)).toEqual(preview.map((e) => e.id));
  });
});
