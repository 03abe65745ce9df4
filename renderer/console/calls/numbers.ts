/**
 * Phone numbers as a PBX gives them, reduced to the form the directory keys
 * on (R-C3): an 11-digit Chinese mobile without +86 / 0086 / trunk 0, an
 * area-code fixed line with its leading 0, or an extension.
 */
export function normalizeNumber(raw: string | null | undefined): string {
  if (!raw) return '';
  let d = raw.normalize('NFKC').replace(/\D/g, '');
  if (d.startsWith('0086')) d = d.slice(4);
  else if (d.startsWith('86') && d.length === 13) d = d.slice(2);
  // Some trunks present a mobile with the long-distance 0 in front.
  if (d.length === 12 && /^01[3-9]/.test(d)) d = d.slice(1);
  return d;
}

/** The E.164 form visits store a mobile in, or null when the number is no mobile. */
export function mobileE164(normalized: string): string | null {
  return /^1[3-9]\d{9}$/.test(normalized) ? `+86${normalized}` : null;
}

/** 0:00 style talk time: m:ss under an hour, h:mm:ss above, tabular in the table. */
export function duration(sec: number | null): string {
  if (sec === null) return '--';
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = String(sec % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${String(m).padStart(2, '0')}:${s}`;
}

/** HH:MM:SS of a PBX local time (`YYYY-MM-DDTHH:MM:SS`), or of an ISO instant in local time. */
export function clockOf(local: string | null, fallbackIso: string): string {
  if (local) return local.slice(11, 19);
  const d = new Date(fallbackIso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
