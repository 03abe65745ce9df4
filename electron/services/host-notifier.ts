import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostNotice, HostNoticeResult } from '../../shared/api';

/**
 * One way of reaching a host (R-V5). The console alert is always there; mail
 * and WeCom / DingTalk / generic webhooks plug in here with the notify issue.
 */
export interface NotifyChannel {
  readonly name: HostNoticeResult['channels'][number]['channel'];
  send(notice: HostNotice): Promise<{ status: 'sent' | 'skipped' | 'failed'; detail: string }>;
}

/** The console alert itself is written by the renderer with the visit; this records that it was raised. */
export const consoleChannel: NotifyChannel = {
  name: 'console',
  send: async (n) => ({ status: 'sent', detail: `ring extension ${n.hostExt || '—'}` }),
};

/**
 * Sends a host notice on every configured channel. A failing channel never
 * stops the others, and every attempt is appended to `notify.log` in the data
 * folder so that a missed notice can be traced.
 */
export class HostNotifier {
  constructor(
    private readonly dataDir: string,
    private readonly channels: readonly NotifyChannel[] = [consoleChannel],
  ) {}

  async notify(notice: HostNotice): Promise<HostNoticeResult> {
    const results: HostNoticeResult['channels'] = [];
    for (const channel of this.channels) {
      try {
        results.push({ channel: channel.name, ...(await channel.send(notice)) });
      } catch (err) {
        results.push({ channel: channel.name, status: 'failed', detail: err instanceof Error ? err.message : String(err) });
      }
    }
    const line = JSON.stringify({ at: new Date().toISOString(), visitId: notice.visitId, hostId: notice.hostId, results });
    await appendFile(join(this.dataDir, 'notify.log'), `${line}\n`);
    return { channels: results };
  }
}
