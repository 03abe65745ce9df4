import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { JournalEntry as ApiJournalEntry, PbxSettings, PbxStatus } from '../../../shared/api/calls';
import type { DateOrder } from '../../../shared/domain/call';
import { BackOff, PBX_RECONNECT_MS } from '../../../hardware/pbx/back-off';
import { detectFormat } from '../../../hardware/pbx/detect';
import { decodeLine } from '../../../hardware/pbx/decode';
import { SmdrError } from '../../../hardware/pbx/errors';
import { SmdrJournal } from '../../../hardware/pbx/journal';
import { parseSmdrLine } from '../../../hardware/pbx/parse-line';
import { SmdrLink, UNDETECTED_REASON } from '../../../hardware/pbx/smdr-link';
import type { LoggedLine } from '../../../hardware/pbx/smdr-link';
import type { EventHub } from '../api-handler';
import { log } from '../log';
import { formatOfSetting } from './format-setting';
import { toApiEntry } from './journal-view';
import { loadPbxSettings, savePbxSettings } from './pbx-settings-file';
import { PbxStatusTracker } from './pbx-status';
import { describeSource, openTransport } from './pbx-transport';
import type { PbxTransport } from './pbx-transport';

export interface PbxServiceOptions {
  dataDir: string;
  events: Pick<EventHub, 'emit'>;
  clock?: () => Date;
  random?: () => number;
  /** Reconnect schedule in ms (default PBX_RECONNECT_MS). */
  backOffMs?: readonly number[];
  /** Mean gap between simulated calls. */
  simulatorPaceMs?: number;
  /** How often the silence check runs (default 15 s); tests call `tick()` instead. */
  silenceCheckMs?: number;
  listPorts?: () => Promise<{ path: string; manufacturer?: string | undefined }[]>;
}

/** Journal lines counted before the link opens; the rest are counted COUNT_SLICE at a time in the background. */
const COUNT_INLINE = 50_000;
const COUNT_SLICE = 5_000;

/** Journal file per PBX id: ids hash the PBX id with the offset, so one file must hold one PBX. */
export function journalPathFor(dataDir: string, pbxId: string): string {
  return join(dataDir, `smdr-journal-${pbxId.replace(/[^A-Za-z0-9_-]/g, '_')}.ndjson`);
}

/**
 * Owns the PBX link of this desk (R-C1, R-C2, R-O3): settings, the journal and
 * its replay, the source (serial, TCP, simulator) with reconnect and back-off,
 * the link status, and the events the console listens to.
 *
 * Invariants:
 * - `calls:logged` carries a line only after its journal append was fsynced,
 *   and every journaled line is in `since` (once released by auto-detection).
 * - Nothing per line is kept in memory: `since` and `entry` read the journal
 *   back through its offset index and re-parse (the same outcome as live).
 * - One live transport at a time: each open attempt has a generation, and
 *   callbacks from an older generation are ignored.
 */
export class PbxService {
  private settings: PbxSettings | null = null;
  private link: SmdrLink | null = null;
  private transport: PbxTransport | null = null;
  private generation = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private silenceTimer: NodeJS.Timeout | null = null;
  private pending: ApiJournalEntry[] = [];
  private readonly backOff: BackOff;
  private readonly clock: () => Date;
  private readonly status = new PbxStatusTracker('', '');
  private stopped = false;
  /** Receive time of the newest journal line, and unrecognized lines logged since the link opened. */
  private lastLineAt: Date | null = null;
  private liveUnrecognized = 0;

  constructor(private readonly options: PbxServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.backOff = new BackOff(options.backOffMs ?? PBX_RECONNECT_MS, options.random === undefined ? {} : { random: options.random });
  }

  /** Loads settings, replays the journal and opens the source; resolves once the first open attempt ended. */
  async start(): Promise<void> {
    this.settings = await loadPbxSettings(this.options.dataDir);
    const every = this.options.silenceCheckMs ?? 15_000;
    if (every > 0) {
      this.silenceTimer = setInterval(() => this.tick(), every);
      this.silenceTimer.unref();
    }
    await this.openLink();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.silenceTimer !== null) clearInterval(this.silenceTimer);
    await this.closeLink();
  }

  getSettings(): PbxSettings {
    return this.requireSettings();
  }

  /** Saves the settings and reopens the link with them (journal replayed, status reset). */
  async updateSettings(next: PbxSettings): Promise<PbxSettings> {
    formatOfSetting(next.format, next.customLayout);
    await savePbxSettings(this.options.dataDir, next);
    await this.closeLink();
    this.settings = next;
    await this.openLink();
    return next;
  }

  getStatus(): PbxStatus {
    return this.status.status;
  }

  /**
   * Entries of the current PBX's journal after `afterSeq` (−1: from the start),
   * at most `limit`, with that PBX's id: sequences restart at 1 per PBX, so a
   * reader keeps one cursor per id and asks again if this is not its PBX.
   */
  since(afterSeq: number, limit: number): { entries: ApiJournalEntry[]; hasMore: boolean; pbxId: string | null } {
    const link = this.link;
    if (link === null) return { entries: [], hasMore: false, pbxId: null };
    const from = link.positionAfterSeq(afterSeq);
    const entries: ApiJournalEntry[] = [];
    for (const line of link.releasedFrom(from, limit)) entries.push(toApiEntry(line));
    return { entries, hasMore: from + entries.length < link.released, pbxId: link.pbxId };
  }

  /** One journaled line by its stable id (a call's id is its journal id), read from disk; null if unknown. */
  entry(id: string): ApiJournalEntry | null {
    const line = this.link?.byId(id) ?? null;
    return line === null ? null : toApiEntry(line);
  }

  async listPorts(): Promise<{ path: string; manufacturer: string | null }[]> {
    const ports = await (this.options.listPorts ?? (() => SerialPort.list()))();
    return ports.map((p) => ({ path: p.path, manufacturer: p.manufacturer ?? null }));
  }

  /** The last `lines` journal lines parsed with another format or layout, for the settings preview. */
  preview(format: string, dateOrder: DateOrder, customLayout: PbxSettings['customLayout'], lines: number): ApiJournalEntry[] {
    const charset = this.requireSettings().charset;
    const recent = this.link?.recentEntries(lines) ?? [];
    let chosen = formatOfSetting(format, customLayout);
    if (chosen === 'auto') chosen = detectFormat(recent.map((e) => decodeLine(e.bytes, 'latin1')))?.format ?? 'auto';
    return recent.map((entry) => {
      if (chosen === 'auto') {
        const raw = decodeLine(entry.bytes, charset);
        return toApiEntry({ entry, parsed: raw.trim() === '' ? { kind: 'blank', raw } : { kind: 'unrecognized', raw, reason: UNDETECTED_REASON } });
      }
      return toApiEntry({ entry, parsed: parseSmdrLine(entry, chosen, { dateOrder, receivedAt: entry.receivedAt }, charset) });
    });
  }

  /** Runs the silence check now (the interval calls it; tests call it with an injected clock). */
  tick(): void {
    if (this.settings === null) return;
    if (this.status.tick(this.clock(), this.settings.silentMinutes)) this.emitStatus();
  }

  private async openLink(): Promise<void> {
    const s = this.requireSettings();
    this.status.describe(describeSource(s), s.format);
    let format: ReturnType<typeof formatOfSetting>;
    try {
      format = formatOfSetting(s.format, s.customLayout);
    } catch (e) {
      log.warn('PBX format setting unusable; detecting instead', e);
      format = 'auto';
    }
    const journal = new SmdrJournal(journalPathFor(this.options.dataDir, s.pbxId), s.pbxId, this.clock);
    const link = new SmdrLink({ journal, format, dateOrder: s.dateOrder, charset: s.charset });
    link.open();
    this.link = link;
    this.lastLineAt = link.lastEntry()?.receivedAt ?? null;
    this.countUnrecognized(link);
    this.describeFormat();
    if (s.source === 'off') {
      this.status.off(this.clock());
      this.emitStatus();
      return;
    }
    await this.connect();
  }

  /**
   * The status shows how many journal lines nothing recognized, which takes
   * parsing them all. The first COUNT_INLINE are counted before the link opens
   * (a restart's usual journal, and tests see the count at once); a longer
   * journal is counted in slices between other work, so a restart never waits
   * for it, and the status is corrected when the count is done.
   */
  private countUnrecognized(link: SmdrLink): void {
    this.liveUnrecognized = 0;
    const total = link.released;
    let counted = 0;
    let unrecognized = 0;
    const slice = (max: number): void => {
      const end = Math.min(total, counted + max);
      for (const line of link.releasedFrom(counted, end - counted)) if (line.parsed.kind === 'unrecognized') unrecognized += 1;
      counted = end;
    };
    slice(COUNT_INLINE);
    this.status.replayed(this.lastLineAt, unrecognized);
    if (counted >= total) return;
    const next = (): void => {
      if (this.link !== link) return;
      slice(COUNT_SLICE);
      if (counted < total) {
        setImmediate(next);
        return;
      }
      this.status.replayed(this.lastLineAt, unrecognized + this.liveUnrecognized);
      this.emitStatus();
    };
    setImmediate(next);
  }

  private async closeLink(): Promise<void> {
    this.generation += 1;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const transport = this.transport;
    this.transport = null;
    await transport?.close();
    this.flush();
    this.link?.close();
    this.link = null;
  }

  private async connect(): Promise<void> {
    const s = this.requireSettings();
    const link = this.link;
    if (link === null || this.stopped) return;
    const gen = ++this.generation;
    let ended = false;
    const live = (): boolean => gen === this.generation && !this.stopped;
    // The first of "open failed" and "went down" schedules the retry; later ones are echoes.
    const down = (detail: string): void => {
      if (!live() || ended) return;
      if (s.source === 'tcpListener' && this.transport !== null) {
        this.status.disconnected(this.clock(), `waiting for the PBX to connect to port ${s.tcpPort}`);
        this.emitStatus();
        return;
      }
      ended = true;
      const transport = this.transport;
      this.transport = null;
      void transport?.close();
      this.status.disconnected(this.clock(), detail);
      this.emitStatus();
      this.scheduleReconnect();
    };
    try {
      const transport = await openTransport(
        s,
        link,
        {
          onLines: (lines) => {
            if (live()) this.logged(lines);
          },
          onError: (e) => {
            if (!live()) return;
            log.warn(`PBX link ${describeSource(s)}: ${e.code}`, e);
            // A journal failure means lines are not durable: surface it as the link's state.
            if (e.code === 'smdr.journalIo') down(`cannot write the SMDR journal: ${e.message}`);
          },
          onUp: () => {
            if (!live()) return;
            this.backOff.reset();
            this.status.connected(this.clock());
            this.emitStatus();
          },
          onDown: () => down('the PBX link closed; reconnecting'),
        },
        { ...(this.options.simulatorPaceMs === undefined ? {} : { simulatorPaceMs: this.options.simulatorPaceMs }), ...(this.options.random === undefined ? {} : { random: this.options.random }) },
      );
      if (!live()) {
        await transport.close();
        return;
      }
      this.transport = transport;
      if (s.source === 'tcpListener' && this.status.status.state !== 'connected') {
        this.status.disconnected(this.clock(), `waiting for the PBX to connect to port ${s.tcpPort}`);
        this.emitStatus();
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      down(`cannot open ${describeSource(s)}: ${message}; retrying`);
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.backOff.getAndIncrement();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  /** Lines are already fsynced when they get here; events go out in one batch per tick. */
  private logged(lines: readonly LoggedLine[]): void {
    if (lines.length === 0) return;
    const now = this.clock();
    for (const line of lines) {
      const view = toApiEntry(line);
      this.pending.push(view);
      this.status.line(now, view.kind === 'unrecognized');
      if (view.kind === 'unrecognized') this.liveUnrecognized += 1;
    }
    this.lastLineAt = now;
    if (this.pending.length === lines.length) queueMicrotask(() => this.flush());
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.describeFormat();
    this.options.events.emit('calls:logged', batch);
    this.emitStatus();
  }

  private describeFormat(): void {
    const s = this.requireSettings();
    const detected = this.link?.format?.name;
    this.status.describe(describeSource(s), s.format === 'auto' ? `auto: ${detected ?? 'detecting'}` : s.format);
  }

  private emitStatus(): void {
    this.options.events.emit('calls:statusChanged', this.status.status);
  }

  private requireSettings(): PbxSettings {
    if (this.settings === null) throw new SmdrError('smdr.usage', 'the PBX service has not started');
    return this.settings;
  }
}
