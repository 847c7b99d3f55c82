import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, RTL_LANGUAGES, type Language } from '@fusion-cell/protocol';
import { RESOURCES } from './resources.ts';

const STORAGE_KEY = 'fusion-cell.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The saved choice, else the first of the browser's languages we have, else English. */
export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage may be disabled by policy; the browser's languages still apply.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    // "iw" is the old code some systems still report for Hebrew.
    const language = base === 'iw' ? 'he' : base;
    if (isLanguage(language)) return language;
  }
  return 'en';
}

/** Sets `lang` and `dir` on the page, which mirrors the whole layout for Arabic and Hebrew. */
export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

export async function setupI18n(): Promise<void> {
  const language = initialLanguage();
  applyDocumentLanguage(language);
  i18next.on('languageChanged', (next) => {
    if (!isLanguage(next)) return;
    applyDocumentLanguage(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this page.
    }
  });
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: RESOURCES.en }, ar: { translation: RESOURCES.ar }, he: { translation: RESOURCES.he } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // React escapes what it renders; escaping here too would show "&amp;" in names.
    interpolation: { escapeValue: false },
  });
}
