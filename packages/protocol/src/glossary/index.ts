export { glossaryMatcher, glossaryParts, glossaryTextHolds, type GlossaryMatch, type GlossaryMatcher, type GlossaryPhrase, type GlossaryTextPart } from './glossary-match.ts';
export { termWordKeys, textWordKeys } from './word-keys.ts';
