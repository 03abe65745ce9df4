import type { Visit } from '../../shared/domain/visit';

/** The local calendar day of an instant, as YYYY-MM-DD. */
export function localDay(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${m}-${day}`;
}

/** Every suffix of a string, so that an index prefix query finds any substring's start. */
function suffixes(s: string): string[] {
  const chars = [...s];
  return chars.map((_c, i) => chars.slice(i).join('')).filter((x) => x.length > 0);
}

/**
 * The search terms of a visit, for the multi-entry `terms` index: name
 * suffixes (so 小明 finds 王小明), company words, badge code, the mobile's
 * national number and its last four digits. Lower-cased.
 */
export function visitTerms(v: Pick<Visit, 'name' | 'company' | 'badgeCode' | 'phone' | 'hostName'>): string[] {
  const terms = new Set<string>();
  for (const s of suffixes(v.name.toLowerCase().replace(/\s+/g, ''))) terms.add(s);
  for (const word of v.company.toLowerCase().split(/[\s,.()（）]+/)) if (word) terms.add(word);
  if (v.company) terms.add(v.company.toLowerCase());
  terms.add(v.badgeCode.toLowerCase());
  const digits = v.phone.replace(/\D/g, '');
  const national = digits.startsWith('86') && digits.length === 13 ? digits.slice(2) : digits;
  if (national) {
    terms.add(national);
    terms.add(national.slice(-4));
  }
  terms.add(v.hostName.toLowerCase());
  return [...terms];
}

/** The normalised form of what someone typed in a search box. */
export function normalizeQuery(q: string): string {
  return q.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
}
