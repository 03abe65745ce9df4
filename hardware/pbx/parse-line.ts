import type { CallRecord } from '../../shared/domain/call';
import { decodeLine } from './decode';
import type { SmdrCharset } from './decode';
import type { ParseContext, SmdrFormat } from './formats/types';

/** A line after parsing: a call, a non-call row, or unrecognized — one per input line, never fewer. */
export type ParsedLine =
  | { kind: 'call'; record: CallRecord }
  | { kind: 'header' | 'blank' | 'status'; raw: string }
  | { kind: 'unrecognized'; raw: string; reason: string };

export interface LineSource {
  bytes: Uint8Array;
  /** Journal id, when the line came through the journal. */
  id: string | null;
  pbxId: string;
}

/** Decodes with the format's charset (or a site override) and parses; never throws. */
export function parseSmdrLine(src: LineSource, format: SmdrFormat, ctx: ParseContext, charset?: SmdrCharset): ParsedLine {
  const raw = decodeLine(src.bytes, charset ?? format.charset);
  let outcome;
  try {
    outcome = format.parse(raw, ctx);
  } catch (e) {
    // Parsers are written not to throw; if one does, the line is still kept.
    return { kind: 'unrecognized', raw, reason: `parser error: ${String(e)}` };
  }
  if (outcome.kind === 'call') {
    return { kind: 'call', record: { ...outcome.call, id: src.id, pbxId: src.pbxId, format: format.name, raw } };
  }
  if (outcome.kind === 'unrecognized') return { kind: 'unrecognized', raw, reason: outcome.reason };
  return { kind: outcome.kind, raw };
}
