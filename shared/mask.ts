/**
 * Masking of personal data for display (R-S2, ux.md K17/T6). Masked is the
 * default everywhere; unmasking an ID is an audited action of the console.
 */

/** 138****8000 — first 3 and last 4 digits of a mobile. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const national = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  if (national.length < 7) return '*'.repeat(national.length);
  return `${national.slice(0, 3)}****${national.slice(-4)}`;
}

/** 110105********002X — at most the first 6 and the last 4 characters. */
export function maskIdNumber(id: string): string {
  if (id.length <= 4) return '*'.repeat(id.length);
  if (id.length < 12) return `${'*'.repeat(id.length - 4)}${id.slice(-4)}`;
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 王* for two characters, 王*明 for three or more; counts code points, not UTF-16 units. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
