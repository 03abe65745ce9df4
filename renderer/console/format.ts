import type { Locale } from '../i18n';
import { localDay } from '../db/terms';

/** 14:08 — tables show 24-hour times (ux.md T5). */
export function hhmm(iso: string | null): string {
  if (!iso) return '--';
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** 2026-03-05 14:08 — the log format for zh-CN and en alike (ux.md T5). */
export function dayTime(iso: string | null): string {
  if (!iso) return '--';
  return `${localDay(iso)} ${hhmm(iso)}`;
}

export function today(): string {
  return localDay(new Date());
}

/** Start of the local day as an ISO instant, for range queries on ISO timestamps. */
export function startOfToday(): string {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).toISOString();
}

/** A value for <input type="datetime-local"> in local time. */
export function toLocalInput(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function hostLabel(locale: Locale, name: string, dept: string): string {
  return locale === 'zh-CN' ? `${name}（${dept}）` : `${name} (${dept})`;
}
