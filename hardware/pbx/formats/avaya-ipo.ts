import { shiftLocalTime } from '../../../shared/domain/call';
import type { CallFields, LineOutcome } from '../../../shared/domain/call';
import { blankCall, clockSeconds, intSeconds, isoFromYmdHms, text } from './fields';
import { scoreByParse } from './score';
import type { SmdrFormat } from './types';

/**
 * Avaya IP Office SMDR (smdr.md §2): CSV without quoting, one record per call
 * segment. The field count grows with releases (17, 30, 35, 37), so any record
 * with at least 17 fields is read and extra fields are ignored.
 */

const F = {
  callStart: 0,
  connected: 1,
  ring: 2,
  caller: 3,
  direction: 4,
  called: 5,
  dialled: 6,
  account: 7,
  isInternal: 8,
  callId: 9,
  continuation: 10,
  party1Device: 11,
  party1Name: 12,
  party2Device: 13,
  party2Name: 14,
  hold: 15,
  park: 16,
  callCharge: 20,
  currency: 21,
  externalTargetingCause: 27,
} as const;

/** `E4324` is extension 4324; `T9161` is line 161 (T + 9000 + line). */
function extensionOf(device: string | undefined): string | null {
  const m = /^E(\S+)$/.exec((device ?? '').trim());
  return m ? m[1]! : null;
}

function lineOf(device: string | undefined): string | null {
  const m = /^T(\d+)$/.exec((device ?? '').trim());
  return m ? String(Number(m[1]) - 9000) : null;
}

function parse(line: string): LineOutcome {
  if (line.trim() === '') return { kind: 'blank' };
  const f = line.split(',');
  if (f.length < 17) return { kind: 'unrecognized', reason: 'fewer than 17 SMDR fields' };
  if (/^Call ?Start$/i.test((f[0] ?? '').trim())) return { kind: 'header' };
  const start = isoFromYmdHms(f[F.callStart]);
  const connected = clockSeconds(f[F.connected]);
  const dir = (f[F.direction] ?? '').trim();
  if (start === null || connected === null || (dir !== 'I' && dir !== 'O')) {
    return { kind: 'unrecognized', reason: 'not an IP Office SMDR record' };
  }
  // Published examples carry `I` in Is Internal; only `1` means both parties are internal.
  const internal = (f[F.isInternal] ?? '').trim() === '1';
  const direction: CallFields['direction'] = internal ? 'internal' : dir === 'I' ? 'in' : 'out';
  const ringSec = intSeconds(f[F.ring]);
  const hold = intSeconds(f[F.hold]) ?? 0;
  const park = intSeconds(f[F.park]) ?? 0;
  const party1Ext = extensionOf(f[F.party1Device]);
  const party2Ext = extensionOf(f[F.party2Device]);
  const charge = text(f[F.callCharge]);

  const call = blankCall(direction);
  call.start = start;
  // Total duration of a record = Connected + Ring + Hold + Park (smdrcallrecord.htm).
  call.end = shiftLocalTime(start, connected + (ringSec ?? 0) + hold + park);
  call.ext = direction === 'in' ? (party1Ext ?? party2Ext) : (party1Ext ?? text(f[F.caller]));
  call.trunk = lineOf(f[F.party2Device]) ?? lineOf(f[F.party1Device]);
  call.number = direction === 'in' ? text(f[F.caller]) : text(f[F.dialled]) ?? text(f[F.called]);
  call.ringSec = ringSec;
  call.durationSec = connected;
  call.cost = charge !== null && /^\d+(\.\d+)?$/.test(charge) ? Number(charge) : null;
  call.currency = call.cost === null ? null : text(f[F.currency]);
  call.accountCode = text(f[F.account]);
  // Continuation 1: this call continues in another segment (transfer, e.g. to voicemail).
  call.transferred = (f[F.continuation] ?? '').trim() === '1';
  call.forwarded = text(f[F.externalTargetingCause]) !== null;
  call.unanswered = connected === 0;
  return { kind: 'call', call };
}

export const avayaIpo: SmdrFormat = {
  name: 'avaya-ipo',
  // Not documented; IP Office names are Unicode and modern releases send UTF-8.
  charset: 'utf-8',
  parse,
  detect: (lines) => scoreByParse(parse, lines),
};
