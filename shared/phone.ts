import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

export type MobileProblem = 'empty' | 'format';

/**
 * Mobile numbers as typed by a visitor: spaces, hyphens, brackets, "+86" and
 * full-width digits are accepted (ux.md T7). The `mobile` metadata of
 * libphonenumber makes `isValid()` true only for mobile numbers.
 */
export function checkMobile(
  input: string,
): { ok: true; value: string; national: string } | { ok: false; problem: MobileProblem } {
  const typed = input.normalize('NFKC').trim();
  if (typed.length === 0) return { ok: false, problem: 'empty' };
  const parsed = parsePhoneNumberFromString(typed, 'CN');
  if (!parsed || !parsed.isValid()) return { ok: false, problem: 'format' };
  const national = parsed.country === 'CN' ? String(parsed.nationalNumber) : parsed.number;
  return { ok: true, value: parsed.number, national };
}

/** 138 0013 8000 — the 3-4-4 grouping Chinese readers expect for mobiles. */
export function groupMobile(national: string): string {
  return /^1\d{10}$/.test(national)
    ? `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`
    : national;
}
