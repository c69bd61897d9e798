import type { Locale } from '../flow';
import { sv, type StringKey, type Strings } from './sv';

export { sv };
export type { StringKey, Strings };

/** Every language but Swedish is its own small chunk, loaded when chosen. */
export const LOADERS: Record<Exclude<Locale, 'sv'>, () => Promise<{ default: Strings }>> = {
  en: () => import('./en'),
  ar: () => import('./ar'),
  so: () => import('./so'),
  fa: () => import('./fa'),
  ti: () => import('./ti'),
  fi: () => import('./fi'),
};

export async function loadStrings(locale: Locale): Promise<Strings> {
  return locale === 'sv' ? sv : (await LOADERS[locale]()).default;
}

/** Each language's own name, for the language switcher. */
export const NATIVE_NAMES: Record<Locale, string> = {
  sv: 'Svenska',
  en: 'English',
  ar: 'العربية',
  so: 'Soomaali',
  fa: 'فارسی',
  ti: 'ትግርኛ',
  fi: 'Suomi',
};

/** BCP 47 tags for speech synthesis voices. */
export const SPEECH_LANG: Record<Locale, string> = {
  sv: 'sv-SE',
  en: 'en-GB',
  ar: 'ar',
  so: 'so-SO',
  fa: 'fa-IR',
  ti: 'ti-ER',
  fi: 'fi-FI',
};

/** Fills `{name}` placeholders. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
