import { shiftLocalTime } from '../../../shared/domain/call';
import type { CallFields, LineOutcome } from '../../../shared/domain/call';
import { blankCall, intSeconds, isoFromYmdHms, text } from './fields';
import { scoreByParse } from './score';
import type { SmdrFormat } from './types';

/**
 * Yeastar S-series / Cloud PBX API `NewCdr` reports (smdr.md §7.1), one
 * compact JSON object per line as pushed to the application server. Field
 * spellings are the vendor's (`callduraction`, `talkduraction`).
 */

function str(o: Record<string, unknown>, k: string): string | null {
  const v = o[k];
  return typeof v === 'string' ? text(v) : typeof v === 'number' ? String(v) : null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const DIRECTIONS: Record<string, CallFields['direction']> = { Inbound: 'in', Outbound: 'out', Internal: 'internal' };

function parse(line: string): LineOutcome {
  const t = line.trim();
  if (t === '') return { kind: 'blank' };
  if (!t.startsWith('{')) return { kind: 'unrecognized', reason: 'not a Yeastar JSON report' };
  let o: unknown;
  try {
    o = JSON.parse(t);
  } catch {
    return { kind: 'unrecognized', reason: 'not a complete JSON object' };
  }
  if (!isRecord(o) || o['action'] !== 'NewCdr') return { kind: 'unrecognized', reason: 'not a NewCdr report' };
  const start = isoFromYmdHms(str(o, 'timestart') ?? '');
  const total = intSeconds(str(o, 'callduraction') ?? '');
  const talk = intSeconds(str(o, 'talkduraction') ?? '');
  const type = str(o, 'type') ?? '';
  const direction = DIRECTIONS[type] ?? 'internal';
  const status = str(o, 'status') ?? '';

  const call = blankCall(direction);
  call.start = start;
  call.end = start !== null && total !== null ? shiftLocalTime(start, total) : null;
  call.ext = direction === 'in' ? str(o, 'callto') : str(o, 'callfrom');
  call.number = direction === 'in' ? str(o, 'callfrom') : str(o, 'callto');
  call.trunk = direction === 'in' ? str(o, 'srctrunkname') : str(o, 'desttrunkname');
  call.durationSec = talk;
  call.ringSec = total !== null && talk !== null ? Math.max(0, total - talk) : null;
  call.accountCode = str(o, 'pincode');
  call.unanswered = status !== 'ANSWERED';
  call.transferred = type === 'Transfer';
  return { kind: 'call', call };
}

export const yeastar: SmdrFormat = {
  name: 'yeastar',
  charset: 'utf-8',
  parse,
  detect: (lines) => scoreByParse(parse, lines),
};
