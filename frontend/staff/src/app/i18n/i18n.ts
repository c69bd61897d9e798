import {
  DOCUMENT,
  EnvironmentProviders,
  Injectable,
  inject,
  isDevMode,
  makeEnvironmentProviders,
  provideAppInitializer,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Translation, TranslocoLoader, TranslocoService, provideTransloco } from '@jsverse/transloco';
import { Observable, firstValueFrom, of } from 'rxjs';
import { en } from './en';
import { Dictionary, sv } from './sv';

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'sv';

export const DICTIONARIES: Record<Language, Dictionary> = { sv, en };

const STORAGE_KEY = 'delaktig.staff.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Serves the typed dictionaries bundled with the app (they are small; no extra request). */
@Injectable({ providedIn: 'root' })
export class DictionaryLoader implements TranslocoLoader {
  getTranslation(lang: string): Observable<Translation> {
    return of(DICTIONARIES[isLanguage(lang) ? lang : DEFAULT_LANGUAGE]);
  }
}

/** Active language as a signal; keeps `<html lang>` in step and remembers the choice. */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);

  readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  constructor() {
    this.transloco.langChanges$.subscribe((lang) => {
      this.document.documentElement.lang = lang;
    });
  }

  setLanguage(lang: Language): void {
    this.transloco.setActiveLang(lang);
    try {
      this.document.defaultView?.localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // storage may be unavailable (private mode); the choice then lasts for this page only
    }
  }

  /** Restores a remembered choice; Swedish otherwise. */
  restore(): Language {
    let stored: string | null = null;
    try {
      stored = this.document.defaultView?.localStorage.getItem(STORAGE_KEY) ?? null;
    } catch {
      stored = null;
    }
    const lang = isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
    this.transloco.setActiveLang(lang);
    return lang;
  }

  t(key: string, params?: Record<string, unknown>): string {
    return this.transloco.translate(key, params);
  }
}

export function provideI18n(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideTransloco({
      config: {
        availableLangs: [...LANGUAGES],
        defaultLang: DEFAULT_LANGUAGE,
        fallbackLang: DEFAULT_LANGUAGE,
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
        missingHandler: { useFallbackTranslation: true, logMissingKey: isDevMode() },
      },
      loader: DictionaryLoader,
    }),
    provideAppInitializer(async () => {
      const i18n = inject(I18n);
      const transloco = inject(TranslocoService);
      const lang = i18n.restore();
      await firstValueFrom(transloco.load(lang));
    }),
  ]);
}
