/**
 * Parse throughput per SMDR format on one core (issue 4: ≥ 1,000,000 lines/s
 * for Panasonic fixed columns). Each format parses 1,000,000 lines built by
 * repeating its fixture's lines (decoded once, as the link does before
 * parsing); the baseline is splitting the same text into lines, which every
 * parser has to be compared with — it is the floor of any line-based work.
 */
import { readFileSync } from 'node:fs';
import { decodeLine } from '../hardware/pbx/decode';
import { formatByName } from '../hardware/pbx/formats/index';
import { parseLineByShape } from '../hardware/pbx/formats/panasonic';
import type { SmdrFormat } from '../hardware/pbx/formats/types';
import type { ParseContext } from '../hardware/pbx/formats/types';
import { LineFramer } from '../hardware/pbx/line-framer';
import { PbxSimulator } from '../hardware/sim/pbx-simulator';
import { report } from './lib';

const LINES = 1_000_000;
const CTX: ParseContext = { dateOrder: 'mdy', receivedAt: new Date(2024, 5, 1, 12) };
/** The Panasonic parser without its fixed-column fast path, to show what the fast path buys. */
const panasonicByShape: SmdrFormat = { ...formatByName('panasonic'), name: 'panasonic-regex-only', parse: (line, ctx) => parseLineByShape(line, ctx, false) };

const CASES: [format: string, fixtures: string[]][] = [
  ['panasonic', ['panasonic-pattern-a.txt', 'panasonic-pattern-c.txt']],
  ['panasonic-regex-only', ['panasonic-pattern-a.txt', 'panasonic-pattern-c.txt']],
  // No fixture: column-accurate call lines only, the fixed-column target of issue 4.
  ['panasonic', []],
  ['panasonic-regex-only', []],
  ['panasonic-ta', ['panasonic-kx-ta616.txt']],
  ['avaya-ipo', ['avaya-ipo.csv']],
  ['mitel', ['mitel-mivb.txt']],
  ['nec', ['nec-sl1000.txt']],
  ['asterisk', ['asterisk-master.csv']],
  ['yeastar', ['yeastar-newcdr.ndjson']],
];

const formatOf = (name: string): SmdrFormat => (name === panasonicByShape.name ? panasonicByShape : formatByName(name));

/** Call lines as a KX-TDA/NS prints them on the pattern C columns: the simulator's traffic mix, seeded. */
function simulatedCallLines(): string[] {
  let seed = 7;
  const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const sim = new PbxSimulator({ write: () => undefined, random, clock: () => new Date(2024, 5, 1, 10) });
  return Array.from({ length: 1000 }, () => sim.callLine(random() < 0.35 ? 'inQuick' : random() < 0.5 ? 'out' : random() < 0.6 ? 'missed' : random() < 0.8 ? 'internal' : 'transfer'));
}

function fixtureLines(format: string, files: readonly string[]): string[] {
  if (files.length === 0) return simulatedCallLines();
  const charset = formatOf(format).charset;
  const out: string[] = [];
  for (const f of files) {
    const framer = new LineFramer();
    const bytes = readFileSync(new URL(`../test/fixtures/smdr/${f}`, import.meta.url));
    for (const line of [...framer.push(bytes), ...framer.flush()]) out.push(decodeLine(line.bytes, charset));
  }
  return out;
}

/**
 * Best of five runs, in lines per second of this process's CPU time (user +
 * system): on a shared, loaded machine wall time mostly measures the neighbours.
 */
function best(run: () => number): number {
  let top = 0;
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage();
    const n = run();
    const c = process.cpuUsage(c0);
    top = Math.max(top, n / ((c.user + c.system) / 1e6));
  }
  return top;
}

for (const [name, files] of CASES) {
  const sample = fixtureLines(name, files);
  const lines = Array.from({ length: LINES }, (_, i) => sample[i % sample.length]!);
  const text = lines.join('\n');
  const format = formatOf(name);
  let sink = 0;
  const baseline = best(() => {
    const split = text.split('\n');
    sink += split.length;
    return split.length;
  });
  const parsed = best(() => {
    let calls = 0;
    for (const line of lines) if (format.parse(line, CTX).kind === 'call') calls += 1;
    sink += calls;
    return lines.length;
  });
  report(`smdr-parse ${name}${files.length === 0 ? ' (pattern C call lines)' : ''}`, { lines: LINES, lines_per_s: Math.round(parsed), split_lines_per_s: Math.round(baseline), sink: sink % 10 }, { name: 'split', value: baseline, ours: parsed });
}
