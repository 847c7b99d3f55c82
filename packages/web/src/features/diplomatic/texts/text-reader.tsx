import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RTL_LANGUAGES, type Language, type Passage } from '@fusion-cell/protocol';
import { usePartyName } from '../../../components/use-names.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import type { OpenBracket, TextVersion } from './joint-text-state.ts';

const PARTY_COLOURS = 6;

/** The colour a party's brackets are drawn in: its place among the cell's parties, so it is the same on every screen. */
export function useBracketColour(): (party: string) => string {
  const { cell } = useAuthenticated();
  return (party) => `bracket-colour-${Math.max(0, cell.parties.findIndex((candidate) => candidate.id === party)) % PARTY_COLOURS}`;
}

const direction = (language: Language) => (RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr');

/** Which party owns which colour, for the brackets shown. */
export function BracketLegend({ brackets }: { brackets: readonly OpenBracket[] }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const colour = useBracketColour();
  const parties = [...new Set(brackets.map((bracket) => bracket.party))];
  if (parties.length === 0) return null;
  return (
    <ul className="bracket-legend" data-testid="bracket-legend" aria-label={t('jointText.reader.legend')}>
      {parties.map((party) => (
        <li key={party} className={colour(party)} data-party={party}>
          <span className="bracket-swatch" aria-hidden="true">
            [ ]
          </span>{' '}
          {t('jointText.reader.bracketOf', { party: partyName(party) })}
        </li>
      ))}
    </ul>
  );
}

/** A passage's wording: its text, or its options boxed side by side as alternatives. */
function Wording({ passage, language }: { passage: Passage; language: Language }) {
  const { t } = useTranslation();
  if (passage.options === undefined) {
    return (
      <p className="text-passage-wording" lang={language} dir={direction(language)} data-testid="passage-text">
        {passage.text}
      </p>
    );
  }
  return (
    <div className="text-options" data-testid="passage-options" data-count={passage.options.length}>
      {passage.options.map((option, index) => (
        <div key={option.id} className="text-option" data-testid={`passage-option-${option.id}`}>
          <p className="text-option-label">{t('jointText.reader.option', { letter: String.fromCharCode(65 + index) })}</p>
          <p lang={language} dir={direction(language)}>
            {option.text}
          </p>
        </div>
      ))}
    </div>
  );
}

/** Wraps a passage in the brackets open on it, each in its owner's colour and named. */
function Bracketed({ brackets, children }: { brackets: readonly OpenBracket[]; children: ReactNode }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const colour = useBracketColour();
  return brackets.reduce<ReactNode>(
    (inner, bracket) => (
      <div className={`text-bracket ${colour(bracket.party)}`} data-testid="passage-bracket" data-party={bracket.party}>
        <span className="text-bracket-mark" aria-hidden="true">
          [
        </span>
        <div className="text-bracket-body">
          {inner}
          <p className="text-bracket-owner">
            {t('jointText.reader.bracketedBy', { party: partyName(bracket.party) })}
            {bracket.reason !== undefined && (
              <>
                {' — '}
                <span lang={bracket.language} dir="auto" data-testid="passage-bracket-reason">
                  {bracket.reason}
                </span>
              </>
            )}
          </p>
        </div>
        <span className="text-bracket-mark" aria-hidden="true">
          ]
        </span>
      </div>
    ),
    children,
  );
}

/**
 * One version of the text as the parties read it: sections with their headings, each passage
 * wrapped in the brackets open on it, options boxed as alternatives, and beside the
 * authoritative wording each translation, marked as such.
 */
export function TextReader({ version, brackets, actions }: { version: TextVersion; brackets: readonly OpenBracket[]; actions?: (passage: Passage) => ReactNode }) {
  const { t } = useTranslation();
  const { payload } = version;
  const translations = payload.translations ?? [];
  return (
    <article className="text-reader" data-testid="text-reader" data-version={version.number} data-language={payload.language}>
      <header className="text-reader-header">
        <h3 lang={payload.language} dir={direction(payload.language)} data-testid="text-title">
          {payload.title}
        </h3>
        <p className="hint">
          <span className="text-authoritative" data-testid="text-authoritative">
            {t('jointText.reader.authoritative', { language: t(`language.names.${payload.language}`) })}
          </span>
          {translations.map((translation) => (
            <span key={translation.language} className="text-translation-mark" data-testid={`text-translation-${translation.language}`}>
              {' · '}
              {t('jointText.reader.translationIn', { language: t(`language.names.${translation.language}`) })}
            </span>
          ))}
        </p>
      </header>
      <BracketLegend brackets={brackets} />
      {payload.sections.map((section) => (
        <section key={section.id} className="text-section" data-testid={`text-section-${section.id}`}>
          {section.heading !== undefined && (
            <h4 lang={payload.language} dir={direction(payload.language)}>
              {section.heading}
            </h4>
          )}
          <ol className="text-passages">
            {section.passages.map((passage) => {
              const open = brackets.filter((bracket) => bracket.passage === passage.id);
              return (
                <li key={passage.id} className="text-passage" data-testid={`passage-${passage.id}`} data-brackets={open.map((bracket) => bracket.party).join(' ')}>
                  <div className={translations.length > 0 ? 'text-passage-columns' : undefined}>
                    <div className="text-passage-authoritative">
                      <Bracketed brackets={open}>
                        <Wording passage={passage} language={payload.language} />
                      </Bracketed>
                    </div>
                    {translations.map((translation) => {
                      const text = translation.passages.find((entry) => entry.passage === passage.id)?.text;
                      return (
                        <div key={translation.language} className="text-passage-translation" data-testid={`passage-translation-${translation.language}`}>
                          <p className="text-translation-label">{t('jointText.reader.translation', { language: t(`language.names.${translation.language}`) })}</p>
                          <p lang={translation.language} dir={direction(translation.language)}>
                            {text ?? '—'}
                          </p>
                        </div>
                      );
                    })}
                  </div>
                  {actions?.(passage)}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </article>
  );
}
