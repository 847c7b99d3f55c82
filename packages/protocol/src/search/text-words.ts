import { foldWord } from './normalise.ts';
import { pairsOf, wordForms } from './word-forms.ts';

/** A written word of a text: where it stands, and the folded words it gives with their forms. */
export interface WrittenWord {
  start: number;
  end: number;
  /** One entry per folded word, each the word and its forms without prefixes. */
  words: string[][];
}

/**
 * A written word: letters, digits and the marks and invisible characters written with them,
 * and, between two Hebrew letters, a geresh, gershayim or the apostrophe or quote typed for them
 * (צה"ל, ג'ורג'). Anything else separates words.
 */
const WRITTEN_WORD = /(?:[\p{L}\p{N}\p{M}\p{Cf}]|(?<=[\u05D0-\u05EA]\p{M}*)['"\u05F3\u05F4\u2019](?=[\u05D0-\u05EA]))+/gu;

/**
 * Folded words with their forms, by written word. Text repeats its words, so indexing a long
 * report folds each distinct word once; the cache starts afresh when it grows large.
 */
const FOLDED = new Map<string, string[][]>();
const FOLDED_LIMIT = 50_000;

function foldedForms(written: string): string[][] {
  let words = FOLDED.get(written);
  if (words === undefined) {
    words = foldWord(written).map(wordForms);
    if (FOLDED.size >= FOLDED_LIMIT) FOLDED.clear();
    FOLDED.set(written, words);
  }
  return words;
}

/** The written words of a text, in order, with their positions in it; read only as far as asked. */
export function* eachWrittenWord(text: string): Generator<WrittenWord> {
  for (const match of text.matchAll(WRITTEN_WORD)) {
    const words = foldedForms(match[0]);
    if (words.length > 0) yield { start: match.index, end: match.index + match[0].length, words };
  }
}

export function writtenWords(text: string): WrittenWord[] {
  return [...eachWrittenWord(text)];
}

/** The folded words of a text, in order (a query's words, a phrase's). */
export function searchWords(text: string): string[] {
  return writtenWords(text).flatMap((written) => written.words.map((forms) => forms[0] ?? ''));
}

/** What the index holds for a text. Both engines index these as they are, so what matches is decided here, once, for both. */
export interface IndexTerms {
  /** One entry per folded word, in order: the word and its forms without prefixes. */
  words: string[][];
  /** The cores of every two folded words in a row (`pairsOf`), for phrases. */
  pairs: string[];
}

export function indexTerms(text: string): IndexTerms {
  const words = writtenWords(text).flatMap((written) => written.words);
  return { words, pairs: pairsOf(words.map((forms) => forms[0] ?? '')) };
}
