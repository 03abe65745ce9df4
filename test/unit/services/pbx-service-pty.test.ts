import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PBX_SETTINGS, savePbxSettings } from '../../../electron/services/pbx/pbx-settings-file';
import type { PbxService } from '../../../electron/services/pbx/pbx-service';
import { EventLog, printOnPty, ptyPairAt, stopProcess, testService } from '../pbx/service-harness';

const CALL_1 = "01/02/02 10:03AM 1200  01 <I>0123456789           0'05 00:01'05";
const CALL_2 = "01/02/02 10:05AM 1234  02 13800138000                    00:00'30";
const GARBAGE = '#~@ SMDR BUF OVF ~~';
const CALL_3 = "01/02/02 10:09AM 1235  02 02161234567                    00:02'00";

describe('PBX service over a real serial pty pair (R-C1, R-C2, R-O3)', () => {
  let socat: ChildProcess | null = null;
  let service: PbxService | null = null;
  let dir = '';
  afterEach(async () => {
    await service?.stop();
    service = null;
    if (socat !== null) await stopProcess(socat);
    socat = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('R-C1 R-C2 R-O3: lines arrive as calls:logged, unplug → disconnected, replug → reconnects by itself, restart replays the same ids once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pbx-svc-pty-'));
    const pbxEnd = join(dir, 'pbx-tty');
    const deskEnd = join(dir, 'desk-tty');
    await savePbxSettings(dir, { ...DEFAULT_PBX_SETTINGS, source: 'serial', serialPath: deskEnd, format: 'panasonic' });
    socat = await ptyPairAt(pbxEnd, deskEnd);

    const events = new EventLog();
    service = testService(dir, events).service;
    await service.start();
    await events.until(() => events.lastStatus?.state === 'connected', 'connected');
    expect(events.lastStatus?.source).toBe(`${deskEnd} 9600 8N1`);

    // Split mid-line and mid-terminator: the framer, not the write boundaries, decides the lines.
    await printOnPty(pbxEnd, `${CALL_1}\r\n${CALL_2.slice(0, 30)}`);
    await printOnPty(pbxEnd, `${CALL_2.slice(30)}\r`);
    await printOnPty(pbxEnd, `\n${GARBAGE}\r\n`);
    await events.until(() => events.logged.length >= 3, 'three lines');
    expect(events.logged.map((e) => e.kind)).toEqual(['call', 'call', 'unrecognized']);
    expect(events.logged[0]!.call).toMatchObject({ direction: 'in', number: '0123456789', ringSec: 5, durationSec: 65, id: events.logged[0]!.id });
    expect(events.logged.map((e) => e.seq)).toEqual([1, 2, 3]);
    await events.until(() => events.lastStatus?.unrecognizedCount === 1, 'unrecognized count');
    expect(events.lastStatus?.lastLineAt).not.toBeNull();

    // Unplug: the cable (socat) goes away.
    await stopProcess(socat);
    socat = null;
    await events.until(() => events.lastStatus?.state === 'disconnected', 'disconnected');
    const downSince = events.lastStatus?.since;
    expect(downSince).not.toBeNull();

    // Replug on the same path: the service finds it again without being asked.
    socat = await ptyPairAt(pbxEnd, deskEnd);
    await events.until(() => events.lastStatus?.state === 'connected', 'reconnected', 8000);
    await printOnPty(pbxEnd, `${CALL_3}\r\n`);
    await events.until(() => events.logged.some((e) => e.call?.number === '02161234567'), 'the line after reconnection');

    const liveIds = events.logged.map((e) => e.id);
    expect(new Set(liveIds).size).toBe(liveIds.length);
    await service.stop();

    // Restart: the journal replay yields every line once, with the same ids and seqs.
    const again = testService(dir, new EventLog()).service;
    service = again;
    await again.start();
    const replay = again.since(-1, 5000);
    expect(replay.hasMore).toBe(false);
    expect(replay.entries.map((e) => e.id)).toEqual(liveIds);
    expect(replay.entries.map((e) => e.seq)).toEqual(events.logged.map((e) => e.seq));
    expect(replay.entries.map((e) => e.call)).toEqual(events.logged.map((e) => e.call));
    expect(again.getStatus().unrecognizedCount).toBe(1);
    // Paging: after the second line, one page of one, named by the PBX whose journal it is (sequences are per PBX).
    expect(again.since(2, 1)).toEqual({ entries: [replay.entries[2]], hasMore: true, pbxId: 'pbx-1' });
    expect(replay.entries.every((e) => e.pbxId === 'pbx-1')).toBe(true);
  }, 15_000);
});
