import type { CallFields, LineOutcome } from '../../../shared/domain/call';
import { splitQuotedCsv } from './csv';
import { blankCall, intSeconds, isoFromYmdHms, text } from './fields';
import { scoreByParse } from './score';
import type { SmdrFormat } from './types';

/**
 * Asterisk `Master.csv` from cdr_csv (smdr.md §8): accountcode, src, dst,
 * dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end,
 * duration, billsec, disposition, amaflags[, uniqueid][, userfield].
 * Direction is not a field; it is inferred from the dialplan context and the
 * shape of the dialled number (FreePBX context names).
 */

const INBOUND_CONTEXT = /from-(trunk|pstn|did|sip-external)|ext-did|inbound/i;

/** `SIP/carrier-0000001a` → `carrier`; null for local channels. */
function trunkOf(channel: string | null): string | null {
  if (channel === null) return null;
  const m = /^[A-Za-z0-9]+\/([^-/@]+)/.exec(channel);
  return m ? m[1]! : null;
}

/** `"Alice" <1001>` → `Alice`. */
function nameOf(clid: string | null): string | null {
  const m = /^"?([^"<]*?)"?\s*<[^>]*>$/.exec(clid ?? '');
  return m ? text(m[1]) : null;
}

function parse(line: string): LineOutcome {
  if (line.trim() === '') return { kind: 'blank' };
  const f = splitQuotedCsv(line);
  if (f === null || f.length < 16) return { kind: 'unrecognized', reason: 'not a Master.csv record' };
  if (f[0] === 'accountcode' && f[1] === 'src') return { kind: 'header' };
  const start = isoFromYmdHms(f[9]);
  const duration = intSeconds(f[12]);
  const billsec = intSeconds(f[13]);
  if (start === null || duration === null || billsec === null) {
    return { kind: 'unrecognized', reason: 'not a Master.csv record' };
  }
  const src = text(f[1]);
  const dst = text(f[2]);
  const context = f[3] ?? '';
  const channel = text(f[5]);
  const dstChannel = text(f[6]);
  const direction: CallFields['direction'] = INBOUND_CONTEXT.test(context)
    ? 'in'
    : dst !== null && /^\+?\d{6,}$/.test(dst)
      ? 'out'
      : 'internal';
  const disposition = (f[14] ?? '').trim();

  const call = blankCall(direction);
  call.start = start;
  call.end = isoFromYmdHms(f[11]);
  call.ext = direction === 'in' ? dst : src;
  call.number = direction === 'in' ? src : dst;
  call.trunk = direction === 'in' ? trunkOf(channel) : direction === 'out' ? trunkOf(dstChannel) : null;
  call.callerName = nameOf(text(f[4]));
  // duration runs from dial to hang-up, billsec from answer: the difference is ringing (and IVR/queue).
  call.ringSec = disposition === 'ANSWERED' ? Math.max(0, duration - billsec) : duration;
  call.durationSec = billsec;
  call.accountCode = text(f[0]);
  call.unanswered = disposition !== 'ANSWERED';
  return { kind: 'call', call };
}

export const asterisk: SmdrFormat = {
  name: 'asterisk',
  charset: 'utf-8',
  parse,
  detect: (lines) => scoreByParse(parse, lines),
};
