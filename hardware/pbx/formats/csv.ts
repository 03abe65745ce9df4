/**
 * Splits one CSV record with RFC 4180 quoting (`""` inside quotes is a quote).
 * Returns null on an unterminated quote, so a cut line is reported, not guessed.
 */
export function splitQuotedCsv(line: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < line.length) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      out.push(field);
      field = '';
    } else {
      field += c;
    }
    i += 1;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}
