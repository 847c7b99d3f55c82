import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RTL_LANGUAGES, type Language } from '@fusion-cell/protocol';
import { useGlossaryHighlight } from '../glossary/glossary-highlight.tsx';

/** Past this many characters or lines a text opens collapsed, so one long message does not bury the thread. */
const COLLAPSE_FROM_CHARACTERS = 600;
const COLLAPSE_FROM_LINES = 8;

function isLong(text: string): boolean {
  return text.length > COLLAPSE_FROM_CHARACTERS || text.split('\n').length > COLLAPSE_FROM_LINES;
}

/**
 * Free text in its authoritative language, marked up with that language and its direction,
 * whatever the reader's interface language: an Arabic reason stays right to left in English.
 * A long text shows its beginning with "Show all": all of it is on the page (found by the
 * browser's search, read by screen readers), only folded. The glossary's terms in force are
 * marked in it, with their agreed words on focus and hover, unless the text is the glossary's
 * own (`glossary={false}`).
 */
export function FreeText({ text, language, testId, className = 'item-free-text', glossary = true }: { text: string; language: Language | undefined; testId?: string; className?: string; glossary?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const highlight = useGlossaryHighlight(text, id, glossary);
  const long = isLong(text);
  const paragraph = (
    <p
      id={id}
      className={long && !expanded ? `${className} item-free-text-collapsed` : className}
      lang={language}
      dir={language === undefined ? 'auto' : RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'}
      data-testid={testId}
      data-language={language}
      data-collapsed={long ? !expanded : undefined}
    >
      {highlight.content}
    </p>
  );
  if (!long)
    return (
      <>
        {paragraph}
        {highlight.descriptions}
      </>
    );
  return (
    <div className="item-free-text-long">
      {paragraph}
      {highlight.descriptions}
      <button type="button" className="button button-link item-free-text-toggle" aria-controls={id} aria-expanded={expanded} data-testid={testId ? `${testId}-toggle` : 'free-text-toggle'} onClick={() => setExpanded((open) => !open)}>
        {expanded ? t('items.showLess') : t('items.showAll')}
      </button>
    </div>
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
