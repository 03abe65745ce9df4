import { create } from 'zustand';
import { catalogues } from './catalogues';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

type Catalogue = (typeof catalogues)[number]['zh-CN'];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type MessageKey = keyof UnionToIntersection<Catalogue>;

const tables: Record<Locale, Record<string, string>> = {
  'zh-CN': Object.assign({}, ...catalogues.map((c) => c['zh-CN'])),
  en: Object.assign({}, ...catalogues.map((c) => c.en)),
};

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

/** The UI language: per visitor on the kiosk (reset to zh-CN), per user on the console. */
export const useLocale = create<LocaleState>((set) => ({
  locale: DEFAULT_LOCALE,
  setLocale: (locale) => {
    document.documentElement.lang = locale;
    set({ locale });
  },
}));

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = tables[locale][key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
}

/** Looks a key up when only a runtime string is known (an error code, a state). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(tables['zh-CN'], key);
}

export function useT(): Translate {
  const locale = useLocale((s) => s.locale);
  return (key, vars) => translate(locale, key, vars);
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'zh-CN' ? 'en' : 'zh-CN';
}
