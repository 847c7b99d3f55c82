import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { glossaryParts, LANGUAGES, RTL_LANGUAGES, type GlossaryTermPayload, type Language } from '@fusion-cell/protocol';
import { useLanguage } from '../../i18n/use-language.ts';
import { useGlossaryInForce, type GlossaryEntry } from './glossary-state.ts';
import './glossary.css';

/** A term agreed, in every language it was agreed in, the authoritative one first. */
function agreedWords(payload: GlossaryTermPayload): { language: Language; text: string }[] {
  const others = LANGUAGES.filter((language) => language !== payload.language).flatMap((language) => {
    const text = payload.equivalents?.[language];
    return text === undefined ? [] : [{ language, text }];
  });
  return [{ language: payload.language, text: payload.term }, ...others];
}

/** What the glossary agreed for a term: each language's word, each in its own direction. */
function AgreedWords({ payload }: { payload: GlossaryTermPayload }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="glossary-tip-title">{t('understanding.glossary.highlight.title')}</span>{' '}
      {/* Lines on screen; the spaces between them keep the words apart when read as one description. */}
      {agreedWords(payload).map(({ language, text }) => (
        <span key={language} className="glossary-tip-line" data-language={language}>
          <span className="glossary-tip-language">
            <bdi>{t(`language.names.${language}`)}</bdi>:
          </span>{' '}
          <bdi lang={language} dir={RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'}>
            {text}
          </bdi>{' '}
        </span>
      ))}
    </>
  );
}

/**
 * A term found in a text: marked, and focusable, so keyboard users reach what mouse users
 * hover. Its agreed words show beside it while it is hovered or focused (Escape hides them);
 * screen readers hear them as its description, which lives outside the paragraph so the text
 * itself stays as written (copied, searched, read aloud).
 */
function GlossaryMark({ text, entry, descriptionId }: { text: string; entry: GlossaryEntry; descriptionId: string }) {
  const [open, setOpen] = useState(false);
  const reader = useLanguage();
  const payload = entry.inForce?.payload;
  if (!payload) return <>{text}</>;
  return (
    <mark
      className="glossary-mark"
      tabIndex={0}
      aria-describedby={descriptionId}
      data-testid="glossary-mark"
      data-term={entry.id}
      data-open={open}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
    >
      {text}
      {open && (
        // Placed along the text's direction, so it opens over the text; read in the reader's language and direction.
        <span className="glossary-tip" aria-hidden="true" data-testid="glossary-tip">
          <span className="glossary-tip-body" lang={reader} dir={RTL_LANGUAGES.has(reader) ? 'rtl' : 'ltr'}>
            <AgreedWords payload={payload} />
          </span>
        </span>
      )}
    </mark>
  );
}

/** A text with the glossary's terms marked, and the descriptions its marks point to. */
export interface GlossaryHighlight {
  content: ReactNode;
  /** Hidden, beside the text: what each term found means, for screen readers. */
  descriptions: ReactNode;
}

/**
 * Marks the terms in force found in a text, in any language, Arabic and Hebrew with their
 * prefixes and forms (the protocol's matcher). A text without any is returned as it is.
 */
export function useGlossaryHighlight(text: string, idPrefix: string, enabled: boolean): GlossaryHighlight {
  const glossary = useGlossaryInForce();
  return useMemo(() => {
    const matches = enabled ? glossary.matcher.find(text) : [];
    if (matches.length === 0) return { content: text, descriptions: null };
    const found = [...new Set(matches.map((match) => match.term))];
    const descriptionId = (entry: GlossaryEntry) => `${idPrefix}-term-${found.indexOf(entry)}`;
    const content = glossaryParts(text, matches).map((part, position) =>
      part.match ? <GlossaryMark key={position} text={part.text} entry={part.match.term} descriptionId={descriptionId(part.match.term)} /> : part.text,
    );
    const descriptions = found.map((entry) =>
      entry.inForce ? (
        <span key={entry.id} id={descriptionId(entry)} hidden>
          <AgreedWords payload={entry.inForce.payload} />
        </span>
      ) : null,
    );
    return { content, descriptions };
  }, [text, idPrefix, enabled, glossary]);
}
