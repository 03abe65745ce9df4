/**
 * SMDR bulk import / inspection:
 *   npm run -s smdr -- parse --format <auto|panasonic|…> [--date-order mdy|dmy|ymd] [--charset latin1|gbk|utf-8] [file]
 * Reads the file (or stdin), frames it exactly as the live link does, and prints
 * one JSON object per input line (issue 4). Exit 0 when everything was read,
 * 2 on a usage error, 1 when the input cannot be read.
 */
import { readFileSync, statSync } from 'node:fs';
import { DATE_ORDERS } from '../shared/domain/call';
import type { DateOrder } from '../shared/domain/call';
import { assertCharset, decodeLine } from '../hardware/pbx/decode';
import type { SmdrCharset } from '../hardware/pbx/decode';
import { detectFormat } from '../hardware/pbx/detect';
import { SmdrError } from '../hardware/pbx/errors';
import { FORMAT_NAMES, formatByName } from '../hardware/pbx/formats/index';
import type { SmdrFormat } from '../hardware/pbx/formats/types';
import { LineFramer } from '../hardware/pbx/line-framer';
import { parseSmdrLine } from '../hardware/pbx/parse-line';

const USAGE = `usage: smdr parse --format <auto|${FORMAT_NAMES.join('|')}> [--date-order mdy|dmy|ymd] [--charset latin1|gbk|utf-8] [file]`;
const DETECT_LINES = 50;

interface ParseArgs {
  format: string;
  dateOrder: DateOrder;
  charset: SmdrCharset | undefined;
  file: string | undefined;
}

function isDateOrder(s: string): s is DateOrder {
  return (DATE_ORDERS as readonly string[]).includes(s);
}

function parseArgs(argv: readonly string[]): ParseArgs {
  const [command, ...rest] = argv;
  if (command !== 'parse') throw new SmdrError('smdr.usage', command === undefined ? 'missing command' : `unknown command "${command}"`);
  const args: ParseArgs = { format: 'auto', dateOrder: 'mdy', charset: undefined, file: undefined };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') throw new SmdrError('smdr.usage', `${flag} needs a value`);
      return v;
    };
    if (flag === '--format') args.format = value();
    else if (flag === '--date-order') {
      const v = value();
      if (!isDateOrder(v)) throw new SmdrError('smdr.usage', `--date-order must be one of ${DATE_ORDERS.join(', ')}`);
      args.dateOrder = v;
    } else if (flag === '--charset') {
      const v = value();
      try {
        args.charset = assertCharset(v);
      } catch (e) {
        throw new SmdrError('smdr.usage', e instanceof Error ? e.message : String(e));
      }
    } else if (flag.startsWith('-') && flag !== '-') throw new SmdrError('smdr.usage', `unknown option "${flag}"`);
    else if (args.file !== undefined) throw new SmdrError('smdr.usage', 'only one input file');
    else args.file = flag;
  }
  if (args.format !== 'auto') {
    try {
      formatByName(args.format);
    } catch (e) {
      throw new SmdrError('smdr.usage', e instanceof Error ? e.message : String(e));
    }
  }
  return args;
}

function readInput(file: string | undefined): { bytes: Buffer; receivedAt: Date } {
  try {
    if (file === undefined || file === '-') return { bytes: readFileSync(0), receivedAt: new Date() };
    // A file's records cannot be newer than the file: years are inferred against its mtime.
    return { bytes: readFileSync(file), receivedAt: statSync(file).mtime };
  } catch (cause) {
    throw new SmdrError('smdr.input', `cannot read ${file ?? 'stdin'}: ${String(cause)}`, { cause });
  }
}

function run(argv: readonly string[]): number {
  const args = parseArgs(argv);
  const { bytes, receivedAt } = readInput(args.file);
  const framer = new LineFramer({ maxLineBytes: 4096 });
  const frames = [...framer.push(bytes), ...framer.flush()];

  let format: SmdrFormat | null;
  if (args.format === 'auto') {
    const sample = frames.slice(0, DETECT_LINES).map((f) => decodeLine(f.bytes, 'latin1'));
    format = detectFormat(sample)?.format ?? null;
    if (format === null) console.error('smdr: no format recognised in the first lines; every line is reported unrecognized (use --format)');
  } else {
    format = formatByName(args.format);
  }

  const ctx = { dateOrder: args.dateOrder, receivedAt };
  const out: string[] = [];
  frames.forEach((frame, i) => {
    const line = i + 1;
    if (format === null) {
      out.push(JSON.stringify({ line, unrecognized: true, raw: decodeLine(frame.bytes, args.charset ?? 'latin1') }));
      return;
    }
    const parsed = parseSmdrLine({ bytes: frame.bytes, id: null, pbxId: 'cli' }, format, ctx, args.charset);
    if (parsed.kind === 'call') {
      const r = parsed.record;
      out.push(
        JSON.stringify({
          line,
          format: r.format,
          start: r.start,
          end: r.end,
          ext: r.ext,
          trunk: r.trunk,
          direction: r.direction,
          number: r.number,
          ringSec: r.ringSec,
          durationSec: r.durationSec,
          cost: r.cost,
          accountCode: r.accountCode,
          transferred: r.transferred,
          raw: r.raw,
        }),
      );
    } else if (parsed.kind === 'unrecognized') {
      out.push(JSON.stringify({ line, unrecognized: true, raw: parsed.raw }));
    } else {
      out.push(JSON.stringify({ line, kind: parsed.kind, raw: parsed.raw }));
    }
  });
  if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (e) {
  if (e instanceof SmdrError && e.code === 'smdr.usage') {
    console.error(`smdr: ${e.message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(`smdr: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
