export { foldWord } from './normalise.ts';
export { MAX_WORD_FORMS, PAIR_JOINER, pairsOf, wordCore, wordForms } from './word-forms.ts';
export { eachWrittenWord, indexTerms, searchWords, writtenWords, type IndexTerms, type WrittenWord } from './text-words.ts';
export { parseSearchText, type SearchText } from './query-text.ts';
export { containsPhrase, searchExcerpt, searchHighlighted } from './highlight.ts';
export { itemSearchText, type ItemSearchText } from './searchable-text.ts';
