import { localTimeOf, shiftLocalTime } from '../../../shared/domain/call';
import type { CallFields, LineOutcome } from '../../../shared/domain/call';
import { blankCall, clockSeconds, inferYear, text } from './fields';
import { scoreByParse } from './score';
import type { ParseContext, SmdrFormat } from './types';

/**
 * Mitel MiVoice Business / 3300 SMDR (smdr.md §3.1) in its extended layout
 * (extended digit length, `hh:mm:ss` start, `hhhh:mm:ss` duration, meter
 * pulses, ANI/DNIS, network call id): the 207-character records captured in
 * isontheline/smdr-parser. 0-based, end-exclusive column slices below were
 * read off those lines. The shorter 90/101-column layouts are not handled and
 * come out unrecognized.
 */
const COL = {
  longCall: [0, 1],
  date: [1, 6],
  time: [7, 15],
  pm: [15, 16],
  duration: [17, 27],
  calling: [28, 35],
  attendant: [35, 36],
  timeToAnswer: [36, 40],
  digits: [41, 62],
  meter: [62, 67],
  completion: [67, 68],
  speedForward: [68, 69],
  called: [69, 84],
  transferFlag: [84, 85],
  thirdParty: [86, 93],
  account: [93, 105],
  systemId: [107, 110],
  ani: [113, 133],
  dnis: [134, 153],
  callId: [153, 161],
} as const satisfies Record<string, readonly [number, number]>;

type Column = keyof typeof COL;

function col(line: string, c: Column): string {
  return line.slice(COL[c][0], COL[c][1]);
}

const HEAD = /^[ +%-]\d\d\/\d\d \d\d:\d\d:\d\d[ AP] [ \d:]{10} /;
const STATION = /^\d+$/;

function parse(line: string, ctx: ParseContext): LineOutcome {
  if (line.trim() === '') return { kind: 'blank' };
  if (/CLOCK MALFUNCTION/i.test(line)) return { kind: 'status' };
  if (!HEAD.test(line) || line.length < 110) return { kind: 'unrecognized', reason: 'not a Mitel extended SMDR record' };

  const [mo, d] = col(line, 'date').split('/').map(Number) as [number, number];
  const [h, mi, s] = col(line, 'time').split(':').map(Number) as [number, number, number];
  const pm = col(line, 'pm') === 'P' && h < 12 ? 12 : 0;
  const year = inferYear(mo, d, ctx.receivedAt);
  const start = localTimeOf(year, mo, d, h + pm, mi, s);
  const durationSec = clockSeconds(col(line, 'duration'));

  const calling = text(col(line, 'calling'));
  const called = text(col(line, 'called'));
  const digits = text(col(line, 'digits'));
  const tta = text(col(line, 'timeToAnswer'));
  const trunkCaller = calling !== null && /^[TX]\d+$/.test(calling);
  // Time to answer is printed only on incoming external calls.
  const incoming = trunkCaller || tta !== null;
  const direction: CallFields['direction'] = incoming
    ? 'in'
    : calling !== null && STATION.test(calling) && called !== null && STATION.test(called) && digits === null
      ? 'internal'
      : 'out';
  const transferFlag = text(col(line, 'transferFlag'));
  const thirdParty = text(col(line, 'thirdParty'));

  const call = blankCall(direction);
  call.start = start;
  call.end = start !== null && durationSec !== null ? shiftLocalTime(start, durationSec) : null;
  call.durationSec = durationSec;
  if (direction === 'in') {
    call.ext = transferFlag === 'T' && thirdParty !== null ? thirdParty : called;
    call.trunk = trunkCaller ? calling!.slice(1) : null;
    call.number = text(col(line, 'ani'));
    // `***`/`****`: the call was never answered.
    call.unanswered = tta !== null && tta.includes('*');
    call.ringSec = tta !== null && /^\d+$/.test(tta) ? Number(tta) : null;
  } else {
    call.ext = calling;
    call.number = direction === 'internal' ? called : digits;
    call.trunk = direction === 'out' && called !== null && /^[TX]\d+$/.test(called) ? called.slice(1) : null;
  }
  call.accountCode = text(col(line, 'account'));
  call.transferred = transferFlag === 'T';
  call.forwarded = col(line, 'speedForward') === 'F';
  return { kind: 'call', call };
}

export const mitel: SmdrFormat = {
  name: 'mitel',
  charset: 'latin1',
  parse,
  detect: (lines) => scoreByParse(parse, lines),
};
