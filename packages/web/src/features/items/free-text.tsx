import type { ReactNode } from 'react';
import { RTL_LANGUAGES, type Language } from '@fusion-cell/protocol';

/**
 * Free text in its authoritative language, marked up with that language and its direction,
 * whatever the reader's interface language: an Arabic reason stays right to left in English.
 */
export function FreeText({ text, language, testId, className = 'item-free-text' }: { text: string; language: Language | undefined; testId?: string; className?: string }) {
  return (
    <p className={className} lang={language} dir={language === undefined ? 'auto' : RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'} data-testid={testId} data-language={language}>
      {text}
    </p>
  );
}

/** A labelled field of an item, the label in the reader's language. */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="item-field" data-testid={testId}>
      <p className="item-field-label">{label}</p>
      {children}
    </div>
  );
}
