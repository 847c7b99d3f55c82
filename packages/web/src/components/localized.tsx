import type { LocalizedText } from '@fusion-cell/protocol';
import { pickLocalized } from '../i18n/localized-text.ts';
import { useLanguage } from '../i18n/use-language.ts';

/**
 * A name from the server in the reader's language; when it falls back to English, it is
 * marked so, for screen readers and for text direction.
 */
export function Localized({ text, testId }: { text: LocalizedText; testId?: string }) {
  const language = useLanguage();
  const picked = pickLocalized(text, language);
  return (
    <bdi lang={picked.language === language ? undefined : picked.language} data-testid={testId}>
      {picked.value}
    </bdi>
  );
}
