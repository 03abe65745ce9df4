import type { ParseContext, SmdrFormat } from './types';

const PROBE_CONTEXT: ParseContext = { dateOrder: 'mdy', receivedAt: new Date(2000, 0, 1) };

/**
 * How well `parse` understands sample lines, 0–1: calls count fully, headers
 * and status rows half (many formats have none, and a header alone proves
 * little), blank lines not at all.
 */
export function scoreByParse(parse: SmdrFormat['parse'], lines: readonly string[]): number {
  let weight = 0;
  let counted = 0;
  for (const line of lines) {
    const outcome = parse(line, PROBE_CONTEXT);
    if (outcome.kind === 'blank') continue;
    counted += 1;
    if (outcome.kind === 'call') weight += 1;
    else if (outcome.kind !== 'unrecognized') weight += 0.5;
  }
  return counted === 0 ? 0 : weight / counted;
}
