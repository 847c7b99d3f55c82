import { eachWrittenWord, writtenWords } from '../search/text-words.ts';
import { termWordKeys, textWordKeys } from './word-keys.ts';

/** One way of writing a term, in any language (the term itself, or one of its equivalents), and what it stands for. */
export interface GlossaryPhrase<Term> {
  phrase: string;
  term: Term;
}

/** Where a term was found in a text: the written words it covers, as positions in the original string. */
export interface GlossaryMatch<Term> {
  start: number;
  end: number;
  term: Term;
  /** The way of writing the term that was found. */
  phrase: string;
}

/** A text cut into what is plain and what is a term found, in order: rendered as text, never as markup. */
export type GlossaryTextPart<Term> = { text: string; match?: GlossaryMatch<Term> };

export interface GlossaryMatcher<Term> {
  /** Every term found in a text, leftmost first, the longest where two start at one word, never overlapping. */
  find(text: string): GlossaryMatch<Term>[];
}

interface CompiledPhrase<Term> {
  phrase: string;
  term: Term;
  /** The keys of each of its words, in order. */
  words: ReadonlySet<string>[];
}

interface TextWord {
  start: number;
  end: number;
  keys: ReadonlySet<string>;
}

function shareAKey(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const key of small) if (large.has(key)) return true;
  return false;
}

/** The keys of each folded word of a text. Text repeats its words: each is keyed once; the cache starts afresh when large. */
const TEXT_KEYS = new Map<string, Set<string>>();
const TEXT_KEYS_LIMIT = 50_000;

function keysOfTextWord(folded: string): Set<string> {
  let keys = TEXT_KEYS.get(folded);
  if (keys === undefined) {
    keys = textWordKeys(folded);
    if (TEXT_KEYS.size >= TEXT_KEYS_LIMIT) TEXT_KEYS.clear();
    TEXT_KEYS.set(folded, keys);
  }
  return keys;
}

function textWords(text: string): TextWord[] {
  const words: TextWord[] = [];
  for (const written of eachWrittenWord(text)) {
    for (const forms of written.words) words.push({ start: written.start, end: written.end, keys: keysOfTextWord(forms[0] ?? '') });
  }
  return words;
}

/**
 * Finds glossary terms in texts of any language: each way of writing a term, one word or several
 * in a row, folded as the search folds text (case, marks, letter variants), each word found with
 * its Arabic or Hebrew prefixes and with a plural or feminine ending (see `word-keys.ts`). Built
 * once for a glossary, used on every text shown.
 */
export function glossaryMatcher<Term>(phrases: readonly GlossaryPhrase<Term>[]): GlossaryMatcher<Term> {
  return compiledMatcher(phrases, termWordKeys);
}

/** A matcher whose phrases' words are keyed by `keysOf`: as terms, or as words a reader typed. */
function compiledMatcher<Term>(phrases: readonly GlossaryPhrase<Term>[], keysOf: (folded: string) => Set<string>): GlossaryMatcher<Term> {
  // By the keys of their first word, so a text's word is compared only with the phrases it could start.
  const byFirstKey = new Map<string, CompiledPhrase<Term>[]>();
  for (const { phrase, term } of phrases) {
    const words = writtenWords(phrase).flatMap((written) => written.words.map((forms) => keysOf(forms[0] ?? '')));
    const first = words[0];
    if (first === undefined) continue;
    const compiled = { phrase, term, words };
    for (const key of first) byFirstKey.set(key, [...(byFirstKey.get(key) ?? []), compiled]);
  }

  const longestAt = (words: readonly TextWord[], position: number): CompiledPhrase<Term> | undefined => {
    let best: CompiledPhrase<Term> | undefined;
    const seen = new Set<CompiledPhrase<Term>>();
    for (const key of words[position]?.keys ?? []) {
      for (const candidate of byFirstKey.get(key) ?? []) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        if (best && candidate.words.length <= best.words.length) continue;
        if (position + candidate.words.length > words.length) continue;
        if (candidate.words.every((keys, offset) => shareAKey(keys, words[position + offset]?.keys ?? new Set()))) best = candidate;
      }
    }
    return best;
  };

  return {
    find(text) {
      if (byFirstKey.size === 0) return [];
      const words = textWords(text);
      const found: GlossaryMatch<Term>[] = [];
      for (let position = 0; position < words.length; ) {
        const phrase = longestAt(words, position);
        if (!phrase) {
          position += 1;
          continue;
        }
        const last = words[position + phrase.words.length - 1] as TextWord;
        found.push({ start: (words[position] as TextWord).start, end: last.end, term: phrase.term, phrase: phrase.phrase });
        position += phrase.words.length;
      }
      return found;
    },
  };
}

/** A text cut at the terms found in it, everything kept as written. */
export function glossaryParts<Term>(text: string, matches: readonly GlossaryMatch<Term>[]): GlossaryTextPart<Term>[] {
  const parts: GlossaryTextPart<Term>[] = [];
  let position = 0;
  for (const match of matches) {
    // Two matches inside one written word (½) cover the same characters: the first is kept.
    if (match.start < position) continue;
    if (match.start > position) parts.push({ text: text.slice(position, match.start) });
    parts.push({ text: text.slice(match.start, match.end), match });
    position = match.end;
  }
  if (position < text.length) parts.push({ text: text.slice(position) });
  return parts;
}

/**
 * Whether a text holds what a reader typed to filter a list: its words in a row, each found as a
 * term is (with its prefixes and endings) and typed with prefixes or not (بإطلاق finds إطلاق), or,
 * while a word is still being typed, its folded letters anywhere.
 */
export function glossaryTextHolds(text: string, typed: string): boolean {
  const query = writtenWords(typed).flatMap((written) => written.words.map((forms) => forms[0] ?? ''));
  if (query.length === 0) return true;
  if (compiledMatcher([{ phrase: typed, term: true }], textWordKeys).find(text).length > 0) return true;
  const folded = writtenWords(text)
    .flatMap((written) => written.words.map((forms) => forms[0] ?? ''))
    .join(' ');
  return folded.includes(query.join(' '));
}
