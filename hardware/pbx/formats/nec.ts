import { localTimeOf, shiftLocalTime } from '../../../shared/domain/call';
import type { CallFields, LineOutcome } from '../../../shared/domain/call';
import { blankCall, clockSeconds, inferYear, text } from './fields';
import { scoreByParse } from './score';
import type { ParseContext, SmdrFormat } from './types';

/**
 * NEC SL1000/SL1100/SL2100/SV8100/SV9100 text SMDR (smdr.md §4.1, Program 35).
 * 1-based positions from the SL1100 manual: CLASS 1–4, TIME 6–10, DATE 12–16
 * (PRG 35-02-14 = 1; without it LINE is 12–21), LINE 18–21, DURATION 23–30,
 * STATION 32–41, DIALLED No./CLI 43–62, ACCOUNT (or `NO ANSWER`) 64–79.
 */

const IN = new Set(['PIN', 'IVIN', 'IDIN', 'PTRS', 'ITRS']);
const OUT = new Set(['POT', 'POTA', 'POTP', 'POTW', 'IVOT', 'IVOTP', 'IDOT', 'SDTA']);
const INTERNAL = new Set(['ICM']);
/** Records that are not calls: all lines busy, toll-blocked, buffer full, sensors, caller name rows. */
const STATUS = new Set(['ALB', 'BRD', 'BFL', 'SAD', 'WAD', 'NEXT']);

function parse(line: string, ctx: ParseContext): LineOutcome {
  if (line.trim() === '') return { kind: 'blank' };
  if (/^\s*CLASS\s*TIME\b/.test(line) || /^\s{20,}\d\d\/\d\d\/\d{4} PAGE\s*\d+\s*$/.test(line)) return { kind: 'header' };
  if (/SUMMARY/.test(line)) return { kind: 'header' };
  const cls = line.slice(0, 5).trim();
  if (STATUS.has(cls)) return { kind: 'status' };
  if (!IN.has(cls) && !OUT.has(cls) && !INTERNAL.has(cls)) return { kind: 'unrecognized', reason: 'no NEC call class' };
  const time = /^(\d\d):(\d\d)$/.exec(line.slice(5, 10));
  if (!time) return { kind: 'unrecognized', reason: 'no NEC time' };
  const date = /^(\d\d)\/(\d\d)$/.exec(line.slice(11, 16));
  const lineField = date ? line.slice(17, 21) : line.slice(11, 21);
  const durationText = text(line.slice(22, 30));
  const durationSec = clockSeconds(durationText ?? '');
  if (durationText !== null && durationSec === null) return { kind: 'unrecognized', reason: 'bad NEC duration' };
  const account = text(line.slice(63, 79));
  const direction: CallFields['direction'] = IN.has(cls) ? 'in' : INTERNAL.has(cls) ? 'internal' : 'out';

  let start: string | null = null;
  if (date) {
    const mo = Number(date[1]);
    const d = Number(date[2]);
    start = localTimeOf(inferYear(mo, d, ctx.receivedAt), mo, d, Number(time[1]), Number(time[2]), 0);
  }
  const call = blankCall(direction);
  call.start = start;
  call.end = start !== null && durationSec !== null ? shiftLocalTime(start, durationSec) : null;
  call.trunk = text(lineField);
  call.durationSec = durationSec;
  call.ext = text(line.slice(31, 41));
  call.number = text(line.slice(42, 62));
  call.unanswered = account === 'NO ANSWER';
  // On incoming calls the ACCOUNT column carries the caller-ID name (SL1000 sample: `NECinfrontia`).
  if (!call.unanswered && direction === 'in') call.callerName = account;
  else if (!call.unanswered) call.accountCode = account;
  call.transferred = cls === 'PTRS' || cls === 'ITRS';
  return { kind: 'call', call };
}

export const nec: SmdrFormat = {
  name: 'nec',
  charset: 'latin1',
  parse,
  detect: (lines) => scoreByParse(parse, lines),
};
