import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CallRecord } from '../../../shared/domain/call';
import type { SmdrCharset } from '../../../hardware/pbx/decode';
import { formatByName } from '../../../hardware/pbx/formats/index';
import type { ParseContext } from '../../../hardware/pbx/formats/types';
import { LineFramer } from '../../../hardware/pbx/line-framer';
import { parseSmdrLine } from '../../../hardware/pbx/parse-line';
import type { ParsedLine } from '../../../hardware/pbx/parse-line';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/smdr/', import.meta.url));

/** Received mid-2024: year-less formats (Mitel, NEC) infer 2024, or 2023 for later months. */
export const CTX: ParseContext = { dateOrder: 'mdy', receivedAt: new Date(2024, 5, 1, 12, 0, 0) };

export function fixtureBytes(name: string): Buffer {
  return readFileSync(`${FIXTURES}${name}`);
}

/** Frames and parses a fixture the way the live link does. */
export function parseFixture(name: string, format: string, ctx: ParseContext = CTX, charset?: SmdrCharset): ParsedLine[] {
  const framer = new LineFramer();
  const frames = [...framer.push(fixtureBytes(name)), ...framer.flush()];
  return frames.map((f) => parseSmdrLine({ bytes: f.bytes, id: null, pbxId: 'test' }, formatByName(format), ctx, charset));
}

/** The call on a 1-based line, failing loudly if that line is not a call. */
export function callAt(lines: readonly ParsedLine[], line: number): CallRecord {
  const p = lines[line - 1];
  if (p?.kind !== 'call') throw new Error(`line ${line} is ${p?.kind ?? 'missing'}, not a call`);
  return p.record;
}

export function kinds(lines: readonly ParsedLine[]): string[] {
  return lines.map((l) => l.kind);
}
