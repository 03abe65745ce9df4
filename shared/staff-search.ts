import type { Staff } from './domain/visit';

const HAN = /\p{Script=Han}/u;

/**
 * Whether a query is specific enough to show hosts on a lobby screen:
 * at least one Han character or two Latin letters (ux.md K12).
 */
export function isHostQueryReady(query: string): boolean {
  const q = query.normalize('NFKC').trim();
  if (HAN.test(q)) return true;
  return q.replace(/[^a-z]/gi, '').length >= 2;
}

function score(s: Staff, q: string): number {
  if (s.name === q) return 0;
  if (s.name.startsWith(q)) return 1;
  if (s.initials === q) return 2;
  if (s.pinyin === q) return 2;
  if (s.initials.startsWith(q)) return 3;
  if (s.pinyin.startsWith(q)) return 3;
  if (s.nameEn.toLowerCase().startsWith(q)) return 4;
  if (s.name.includes(q)) return 5;
  if (s.dept.includes(q) || s.deptEn.toLowerCase().includes(q)) return 6;
  return -1;
}

/**
 * Directory search by Han name, full pinyin, pinyin initials ("zs" → 张三),
 * English name or department. Best matches first, then by name.
 */
export function searchStaff(staff: readonly Staff[], query: string, limit: number): Staff[] {
  const q = query.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return [];
  const hits: { s: Staff; rank: number }[] = [];
  for (const s of staff) {
    const rank = score(s, q);
    if (rank >= 0) hits.push({ s, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || a.s.pinyin.localeCompare(b.s.pinyin));
  return hits.slice(0, limit).map((h) => h.s);
}
