/**
 * The access system's door-event log (R-P5): every swipe at a machine-room
 * door, imported so the evidence shows card holders' real times in and out
 * (door events live in the access system, not at the desk). Pure: rows of
 * text in (CSV lines or XLSX cells as text), events and problems out. A row
 * that does not parse is kept as a problem with its line number and why —
 * nothing is dropped silently.
 */
export type DoorDirection = 'in' | 'out';

export interface DoorEvent {
  /** Local wall-clock time as written in the log, normalised: "2026-11-20 09:00:05". */
  readonly at: string;
  /** Credential id (卡内号) or card number, as the log has it. */
  readonly credential: string;
  readonly door: string;
  readonly direction: DoorDirection;
  /** Line in the file (1 = header). */
  readonly line: number;
}

export interface DoorLogProblem {
  readonly line: number;
  /** A code the UI translates: missingColumn, badTime, noCredential, badDirection, empty. */
  readonly reason: 'missingColumn' | 'badTime' | 'noCredential' | 'badDirection';
  /** The column or value that is wrong. */
  readonly detail: string;
  readonly raw: string;
}

export interface DoorLogParse {
  readonly events: DoorEvent[];
  readonly problems: DoorLogProblem[];
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/[\s_\-./()（）]/g, '');

/** Header names seen in access-system exports, zh-CN and en, compared without spaces/punctuation/case. */
const ALIASES = {
  time: ['time', 'datetime', 'timestamp', 'eventtime', 'swipetime', 'date', '时间', '刷卡时间', '通行时间', '事件时间', '日期时间', '发生时间'],
  credential: ['credential', 'credentialid', 'card', 'cardno', 'cardnumber', 'cardid', '卡号', '卡内号', '凭证', '凭证号', '卡片号码', '门禁卡号'],
  door: ['door', 'reader', 'doorreader', 'doorname', 'readername', 'location', '门', '门禁点', '读卡器', '门读卡器', '门名称', '通道', '位置'],
  direction: ['direction', 'inout', 'io', 'dir', 'event', '方向', '进出', '进出方向', '出入', '出入方向', '类型'],
} as const;
type Column = keyof typeof ALIASES;

const IN = new Set(['in', 'entry', 'enter', 'i', '进', '入', '进入', '进门', '入门']);
const OUT = new Set(['out', 'exit', 'leave', 'o', '出', '离开', '出门', '外出']);

/** "2026-11-20 9:00", "2026/11/20 09:00:05", "2026-11-20T09:00:05" → "2026-11-20 09:00:05"; null if not a time. */
export function normaliseTime(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  if (date.getMonth() !== mo - 1 || date.getDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${y}-${p(mo)}-${p(d)} ${p(h)}:${p(mi)}:${p(s)}`;
}

/** The header row decides which column is which; a missing column is one problem at line 1. */
export function parseDoorLog(rows: readonly (readonly string[])[]): DoorLogParse {
  const header = rows[0] ?? [];
  const index = {} as Record<Column, number>;
  const problems: DoorLogProblem[] = [];
  for (const col of Object.keys(ALIASES) as Column[]) {
    const names: readonly string[] = ALIASES[col];
    const i = header.findIndex((h) => names.includes(norm(h)));
    if (i < 0) problems.push({ line: 1, reason: 'missingColumn', detail: col, raw: header.join(',') });
    index[col] = i;
  }
  if (problems.length > 0) return { events: [], problems };
  const events: DoorEvent[] = [];
  rows.slice(1).forEach((cells, k) => {
    const line = k + 2;
    if (cells.every((c) => c.trim() === '')) return; // a blank line is not a row
    const raw = cells.join(',');
    const cell = (c: Column): string => (cells[index[c]] ?? '').trim();
    const at = normaliseTime(cell('time'));
    if (!at) return problems.push({ line, reason: 'badTime', detail: cell('time'), raw });
    const credential = cell('credential').replace(/^;/, '').replace(/\?$/, '');
    if (!credential) return problems.push({ line, reason: 'noCredential', detail: '', raw });
    const d = norm(cell('direction'));
    const direction = IN.has(d) ? 'in' : OUT.has(d) ? 'out' : null;
    if (!direction) return problems.push({ line, reason: 'badDirection', detail: cell('direction'), raw });
    events.push({ at, credential, door: cell('door'), direction, line });
  });
  return { events, problems };
}

/** RFC 4180 CSV into rows (quotes, doubled quotes, CRLF, a leading BOM). */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

export interface DoorVisit {
  readonly credential: string;
  readonly door: string;
  /** '' when the log has an out with no in before it. */
  readonly timeIn: string;
  /** '' when the holder has not been seen leaving (flagged). */
  readonly timeOut: string;
  readonly flag: '' | 'noOut' | 'noIn';
}

/**
 * One holder's events in time order, paired: an in opens a stay, the next out
 * closes it. An in while a stay is open leaves the earlier one without an out
 * (flagged noOut); an out with nothing open is a stay without an in (noIn).
 */
export function pairDoorEvents(events: readonly DoorEvent[]): DoorVisit[] {
  const out: DoorVisit[] = [];
  let open: DoorEvent | null = null;
  for (const e of [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.line - b.line))) {
    if (e.direction === 'in') {
      if (open) out.push({ credential: open.credential, door: open.door, timeIn: open.at, timeOut: '', flag: 'noOut' });
      open = e;
    } else if (open) {
      out.push({ credential: open.credential, door: open.door, timeIn: open.at, timeOut: e.at, flag: '' });
      open = null;
    } else out.push({ credential: e.credential, door: e.door, timeIn: '', timeOut: e.at, flag: 'noIn' });
  }
  if (open) out.push({ credential: open.credential, door: open.door, timeIn: open.at, timeOut: '', flag: 'noOut' });
  return out;
}
