import { useTranslation } from 'react-i18next';
import type { Language } from '@fusion-cell/protocol';
import { isLanguage } from './setup.ts';

/** The active working language. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : 'en';
}
