import { searchWords } from './text-words.ts';

/** What a search asks for: words that must all be found, and runs of them that must be found together. */
export interface SearchText {
  /** Every folded word, those of the phrases too, each once. */
  words: string[];
  /** Quoted phrases of two words or more, folded. */
  phrases: string[][];
}

/** Quotation marks that open or close a phrase: straight, curly, low and angle quotes. */
const QUOTES = new Set(['"', '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB']);
const HEBREW_LETTER = /[\u05D0-\u05EA]/u;

/**
 * Reads what a member typed: plain words, and "phrases" between double quotes (a quote left
 * open runs to the end). Nothing else means anything: `OR`, `NOT`, `*`, `:`, parentheses and
 * the like are words or separators like any other, so no input can reach the index's own query
 * language. A straight quote between two Hebrew letters is the gershayim of an abbreviation
 * (צה"ל), not a phrase.
 */
export function parseSearchText(text: string): SearchText {
  const outside: string[] = [];
  const phrases: string[][] = [];
  let current = '';
  let inPhrase = false;
  const characters = [...text];
  const close = () => {
    if (inPhrase) {
      const phrase = searchWords(current);
      if (phrase.length > 1) phrases.push(phrase);
      else outside.push(current);
    } else {
      outside.push(current);
    }
    current = '';
  };
  characters.forEach((character, position) => {
    const gershayim = character === '"' && HEBREW_LETTER.test(characters[position - 1] ?? '') && HEBREW_LETTER.test(characters[position + 1] ?? '');
    if (QUOTES.has(character) && !gershayim) {
      close();
      inPhrase = !inPhrase;
    } else {
      current += character;
    }
  });
  close();
  const words = [...new Set([...outside.flatMap(searchWords), ...phrases.flat()])];
  return { words, phrases };
}
