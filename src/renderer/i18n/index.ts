import { signal } from '@preact/signals';
import i18next, { type TOptions } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { type Dictionary, en } from './en';
import { ko } from './ko';

export const languages = ['en', 'ko'] as const;
export type Language = (typeof languages)[number];

/** Where the chosen language is remembered. */
const storageKey = 'motion-kiosk.language';

void i18next.use(LanguageDetector).init({
  resources: { en: { translation: en }, ko: { translation: ko } },
  supportedLngs: [...languages],
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  detection: {
    order: ['localStorage', 'navigator'],
    lookupLocalStorage: storageKey,
    caches: ['localStorage'],
    // `ko-KR` → `ko`: one dictionary per language; regional formats come from Intl (see `locale`).
    convertDetectedLanguage: (lng) => lng.split('-')[0],
  },
});

function resolved(): Language {
  return i18next.resolvedLanguage === 'ko' ? 'ko' : 'en';
}

/** The UI language; components that read it (through `t`) re-render when it changes. */
export const language = signal<Language>(resolved());

/**
 * The Intl locale for times and numbers: the browser's own regional variant of the UI language
 * when it has one (en-GB keeps its 24-hour clock), else the bare language.
 */
export function locale(lng: Language = language.value): string {
  return navigator.languages?.find((l) => l.split('-')[0] === lng) ?? lng;
}

function applyToDocument(lng: Language): void {
  document.documentElement.lang = lng;
  document.title = i18next.t('app.title');
}
applyToDocument(language.value);

/** Switches the UI language and remembers it in this browser. */
export async function setLanguage(lng: Language): Promise<void> {
  await i18next.changeLanguage(lng);
  language.value = resolved();
  applyToDocument(language.value);
}

type PluralBase<K extends string> = K extends `${infer B}_${'one' | 'other'}` ? B : K;

/** Every message key, as `section.key`; plural variants (`_one`, `_other`) are picked by `count`. */
export type MessageKey = {
  [S in keyof Dictionary & string]: `${S}.${PluralBase<keyof Dictionary[S] & string>}`;
}[keyof Dictionary & string];

/** Translates `key`; reading `language` subscribes the calling component to language changes. */
export function t(key: MessageKey, options?: TOptions): string {
  void language.value;
  return i18next.t(key, options ?? {}) as string;
}
