/**
 * A Panasonic KX-TDA/NS PBX printing SMDR pattern C (120 columns: ring time and
 * call cost), for demo mode and tests. It only produces bytes; whoever owns it
 * feeds them to the same framer → journal → parser path a serial port would
 * (or writes them to a pty or socket), so the demo exercises the real pipeline.
 *
 * Traffic mix per call event: incoming answered within three rings, answered
 * late, missed (CD NA), outgoing with a cost in CNY, internal, a transfer (TR);
 * now and then a page header, a skip-perforation blank line or a garbage line.
 * Lines end with CR LF and are sometimes split across two writes, as a serial
 * port delivers them. Time is the END of the call (pattern C), month/day/year.
 */

/** Extensions of the demo building (tenants 6xx1/6xx2, duty desks 88xx, operator 8000). */
const EXTENSIONS = ['8000', '6001', '6002', '6011', '6012', '6021', '6031', '6041', '6051', '8800', '8811', '8820'] as const;
/** Callers who call again and again, so caller lookup and call-back lists have repeats. */
const REGULAR_CALLERS = ['13900000000', '13812345678', '02161234567', '075588886666', '01065529988', '15921876543'] as const;

export const SMDR_HEADER = '  Date     Time    Ext   CO   Dial Number                                        Ring Duration Cost        Acc code   CD';
export const SMDR_RULE = '-'.repeat(119);

export type SimulatedCallKind = 'inQuick' | 'inLate' | 'missed' | 'out' | 'internal' | 'transfer';

export interface PbxSimulatorOptions {
  /** Receives the bytes the PBX prints. */
  write: (chunk: Buffer) => void;
  /** Mean milliseconds between call events (default 12 s); actual gaps vary ±50 %. */
  paceMs?: number;
  /** [0, 1); inject a seeded one for reproducible traffic. */
  random?: () => number;
  clock?: () => Date;
}

const p2 = (n: number): string => String(n).padStart(2, '0');

function stampOf(d: Date): [string, string] {
  const h12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
  const date = `${p2(d.getMonth() + 1)}/${p2(d.getDate())}/${p2(d.getFullYear() % 100)}`;
  return [date, `${p2(h12)}:${p2(d.getMinutes())}${d.getHours() < 12 ? 'AM' : 'PM'}`];
}

function ring(sec: number): string {
  return `${Math.floor(sec / 60)}'${p2(sec % 60)}`;
}

function duration(sec: number): string {
  return `${p2(Math.floor(sec / 3600))}:${p2(Math.floor((sec % 3600) / 60))}'${p2(sec % 60)}`;
}

interface PatternC {
  ext: string;
  co: string;
  dial: string;
  ringSec: number | null;
  talkSec: number;
  cost: number | null;
  cd: string;
}

/** One record laid out on the pattern C columns (0/9/17/23/28/79/84/93/105/116). */
export function patternCLine(at: Date, r: PatternC): string {
  const [date, time] = stampOf(at);
  const cost = r.cost === null ? '' : `${r.cost.toFixed(2).padStart(8, '0')}CNY`;
  const parts = [date, time, r.ext.padEnd(5), r.co.padEnd(4), r.dial.padEnd(50), (r.ringSec === null ? '' : ring(r.ringSec)).padStart(4), duration(r.talkSec), cost.padEnd(11), ''.padEnd(10), r.cd];
  return parts.join(' ').trimEnd();
}

export class PbxSimulator {
  private readonly random: () => number;
  private readonly clock: () => Date;
  private readonly paceMs: number;
  private timer: NodeJS.Timeout | null = null;
  private events = 0;

  constructor(private readonly options: PbxSimulatorOptions) {
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? (() => new Date());
    this.paceMs = options.paceMs ?? 12_000;
  }

  /** Prints the page header, then one call event after another until `stop`. */
  start(): void {
    if (this.timer !== null) return;
    this.print([SMDR_HEADER, SMDR_RULE]);
    this.schedule();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The lines of the next event (a call, perhaps preceded by a header, blank or garbage line). */
  nextLines(): string[] {
    this.events += 1;
    const out: string[] = [];
    if (this.events % 40 === 0) out.push('', SMDR_HEADER, SMDR_RULE);
    else if (this.random() < 0.04) out.push('');
    // Line noise on a long serial run: a line no format understands (kept, shown as unrecognized).
    if (this.random() < 0.03) out.push('#~@ SMDR BUF OVF ~~ 0x1F 0x7E');
    out.push(this.callLine(this.pickKind()));
    return out;
  }

  callLine(kind: SimulatedCallKind, at: Date = this.clock()): string {
    const ext = this.pick(EXTENSIONS);
    const co = `00${p2(1 + this.int(8))}`;
    const caller = this.random() < 0.5 ? this.pick(REGULAR_CALLERS) : this.mobile();
    switch (kind) {
      case 'inQuick':
        return patternCLine(at, { ext, co, dial: `<I>${caller}`, ringSec: 2 + this.int(10), talkSec: 20 + this.int(400), cost: null, cd: '' });
      case 'inLate':
        return patternCLine(at, { ext, co, dial: `<I>${caller}`, ringSec: 16 + this.int(30), talkSec: 15 + this.int(300), cost: null, cd: '' });
      case 'missed':
        return patternCLine(at, { ext, co, dial: `<I>${caller}`, ringSec: 20 + this.int(40), talkSec: 0, cost: null, cd: 'NA' });
      case 'transfer':
        return patternCLine(at, { ext, co, dial: `<I>${caller}`, ringSec: 3 + this.int(8), talkSec: 30 + this.int(200), cost: null, cd: 'TR' });
      case 'internal':
        return patternCLine(at, { ext, co: '', dial: `EXT${this.pick(EXTENSIONS.filter((e) => e !== ext))}`, ringSec: null, talkSec: 10 + this.int(180), cost: null, cd: '' });
      case 'out': {
        const talkSec = 10 + this.int(900);
        // A local-tariff shape: 0.10 CNY per started minute, long distance 0.30.
        const number = this.random() < 0.6 ? this.mobile() : this.pick(REGULAR_CALLERS);
        const rate = number.startsWith('0') && !number.startsWith('021') ? 0.3 : 0.1;
        return patternCLine(at, { ext, co, dial: number, ringSec: null, talkSec, cost: Math.ceil(talkSec / 60) * rate, cd: '' });
      }
    }
  }

  private pickKind(): SimulatedCallKind {
    const r = this.random();
    if (r < 0.35) return 'inQuick';
    if (r < 0.45) return 'inLate';
    if (r < 0.57) return 'missed';
    if (r < 0.8) return 'out';
    if (r < 0.93) return 'internal';
    return 'transfer';
  }

  private schedule(): void {
    const gap = this.paceMs * (0.5 + this.random());
    this.timer = setTimeout(() => {
      this.print(this.nextLines());
      this.schedule();
    }, gap);
    // The demo PBX must never keep a process alive on its own.
    this.timer.unref();
  }

  private print(lines: readonly string[]): void {
    const bytes = Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'latin1');
    // Serial ports hand over bytes in arbitrary pieces; split now and then to prove the framer copes.
    if (bytes.length > 20 && this.random() < 0.3) {
      const cut = 1 + this.int(bytes.length - 1);
      this.options.write(bytes.subarray(0, cut));
      this.options.write(bytes.subarray(cut));
    } else {
      this.options.write(bytes);
    }
  }

  private mobile(): string {
    let s = this.pick(['139', '138', '186', '135', '158', '177']);
    for (let i = 0; i < 8; i++) s += String(this.int(10));
    return s;
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}
