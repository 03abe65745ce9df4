/**
 * Chinese resident identity numbers (居民身份证号码), GB 11643-1999:
 * 6-digit area code, 8-digit birth date, 3-digit sequence, 1 check character
 * computed with ISO 7064 MOD 11-2.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type ResidentIdProblem = 'empty' | 'length' | 'format' | 'birthDate' | 'checkDigit';

export type ResidentIdResult =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; problem: ResidentIdProblem; value: string };

/** Full-width digits and letters from Chinese IMEs become ASCII; spaces go; x becomes X. */
export function normalizeResidentId(input: string): string {
  return input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** The check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates a resident ID number. `today` is injectable so that the
 * "birth date is in the past" rule is testable.
 */
export function checkResidentId(input: string, today: Date = new Date()): ResidentIdResult {
  const value = normalizeResidentId(input);
  if (value.length === 0) return { ok: false, problem: 'empty', value };
  if (value.length !== 18) return { ok: false, problem: 'length', value };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format', value };

  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const isRealDate =
    birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  if (!isRealDate || y < 1850 || birth.getTime() > todayUtc) {
    return { ok: false, problem: 'birthDate', value };
  }
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) {
    return { ok: false, problem: 'checkDigit', value };
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  return { ok: true, value, birthDate, sex: Number(value[16]) % 2 === 1 ? 'male' : 'female' };
}

export type PassportProblem = 'empty' | 'format';

/** Passports and other documents are free alphanumeric, 5–20 characters. */
export function checkPassport(
  input: string,
): { ok: true; value: string } | { ok: false; problem: PassportProblem; value: string } {
  const value = input.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  if (value.length === 0) return { ok: false, problem: 'empty', value };
  if (!/^[A-Z0-9]{5,20}$/.test(value)) return { ok: false, problem: 'format', value };
  return { ok: true, value };
}
