import type { Language, LocalizedText } from '@fusion-cell/protocol';

/**
 * The text in the reader's language, falling back to English, with the language it is
 * actually in so it can be marked up (`lang`) for screen readers and fonts.
 */
export function pickLocalized(text: LocalizedText, language: Language): { value: string; language: Language } {
  const value = text[language];
  return value === undefined ? { value: text.en, language: 'en' } : { value, language };
}
