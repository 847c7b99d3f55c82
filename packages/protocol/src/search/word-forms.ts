/**
 * Arabic and Hebrew write short words as prefixes of the next one: "and", "the", "in", "to"…
 * (والمدينة, "and the city"; ובבית, "and in the house"). A folded word is indexed with the forms
 * it has without them, so a search for مدينة finds والمدينة and a search for בית finds ובבית.
 * The query is not expanded: a word searched with its prefix (المدينة) finds that form and the
 * longer ones (والمدينة, بالمدينة), not the bare word.
 *
 * Stripping is light, without a dictionary: a word that merely begins with one of these letters
 * (كتاب, "book") is also indexed under what follows (تاب). That makes a rare extra match, never
 * a missed one, and the stems kept are long enough to keep such matches rare.
 */

const ARABIC_LETTER = /^[\u0621-\u064A]/u;
const HEBREW_LETTER = /^[\u05D0-\u05EA]/u;

/** و "and", ف "so": they come first. */
const ARABIC_CONJUNCTIONS = new Set(['و', 'ف']);
/** ب "in", ك "like", ل "to": after a conjunction, before the article. */
const ARABIC_PREPOSITIONS = new Set(['ب', 'ك', 'ل']);
const ARABIC_ARTICLE = 'ال';
/** What is left after a one-letter prefix, and after the article. */
const ARABIC_MIN_STEM = 3;
const ARABIC_MIN_AFTER_ARTICLE = 2;

/** ה "the", ו "and", ב "in", ל "to", מ "from", ש "that", כ "as": in almost any combination (ומהבית, "and from the house"). */
const HEBREW_PREFIXES = new Set(['ה', 'ו', 'ב', 'ל', 'מ', 'ש', 'כ']);
const HEBREW_MIN_STEM = 2;
const HEBREW_MAX_PREFIXES = 3;

/**
 * The most forms a folded word has, itself included: a Hebrew word with three prefixes, each
 * also read with the article it may swallow. An index that lists a word's forms one after the
 * other has at most this many of them between the first forms of two neighbouring words.
 */
export const MAX_WORD_FORMS = 1 + 2 * HEBREW_MAX_PREFIXES;

/** The word itself, then the forms it takes without its prefixes, each once. */
export function wordForms(word: string): string[] {
  if (ARABIC_LETTER.test(word)) return arabicForms(word);
  if (HEBREW_LETTER.test(word)) return hebrewForms(word);
  return [word];
}

/** `minStem`: the shortest word a one-letter prefix may leave; the core reads every word with the article's shorter limit (see `coreOf`). */
function arabicForms(word: string, minStem = ARABIC_MIN_STEM): string[] {
  const forms = new Set([word]);
  const afterConjunction = [word];
  if (ARABIC_CONJUNCTIONS.has(word.charAt(0)) && word.length - 1 >= minStem) afterConjunction.push(word.slice(1));
  for (const rest of afterConjunction) {
    forms.add(rest);
    withoutArticle(rest, forms);
    if (!ARABIC_PREPOSITIONS.has(rest.charAt(0))) continue;
    // ل before the article drops its alef: للمدينة is "to the city", and للجنة "to the committee"
    // (لجنة begins with ل itself), so both readings are kept.
    if (rest.startsWith('لل') && rest.length - 2 >= ARABIC_MIN_AFTER_ARTICLE) {
      forms.add(ARABIC_ARTICLE + rest.slice(2));
      forms.add(rest.slice(2));
      if (rest.length - 1 >= minStem) forms.add(rest.slice(1));
    } else if (rest.length - 1 >= minStem) {
      forms.add(rest.slice(1));
      withoutArticle(rest.slice(1), forms);
    }
  }
  return [...forms];
}

function withoutArticle(word: string, forms: Set<string>): void {
  if (word.startsWith(ARABIC_ARTICLE) && word.length - ARABIC_ARTICLE.length >= ARABIC_MIN_AFTER_ARTICLE) forms.add(word.slice(ARABIC_ARTICLE.length));
}

/** ב, כ and ל swallow the article they come before: לבית is "to a house" or "to the house" (להבית is never written). */
const HEBREW_ABSORBING_ARTICLE = new Set(['ב', 'כ', 'ל']);

function hebrewForms(word: string): string[] {
  const forms = new Set([word]);
  let rest = word;
  for (let stripped = 0; stripped < HEBREW_MAX_PREFIXES && HEBREW_PREFIXES.has(rest.charAt(0)) && rest.length - 1 >= HEBREW_MIN_STEM; stripped += 1) {
    const prefix = rest.charAt(0);
    rest = rest.slice(1);
    forms.add(rest);
    if (HEBREW_ABSORBING_ARTICLE.has(prefix) && !rest.startsWith('ה')) forms.add(`ה${rest}`);
  }
  return [...forms];
}

/**
 * What a word is at its core: the shortest form reached by taking prefixes off again and again.
 * Every form of a word has the same core as the word, so two words in a row are indexed once more
 * as the pair of their cores, and a phrase is found through its pairs without reading every text
 * that holds its words.
 */
export function wordCore(word: string): string {
  const known = CORES.get(word);
  if (known !== undefined) return known;
  const core = coreOf(word);
  if (CORES.size >= CORES_LIMIT) CORES.clear();
  CORES.set(word, core);
  return core;
}

/** Cores already found: text repeats its words. Started afresh when large. */
const CORES = new Map<string, string>();
const CORES_LIMIT = 50_000;

/**
 * The shortest form reachable from the word. Forms are read here with one limit for every prefix
 * (what the article may leave), not the longer one a single letter leaves when indexing: with two
 * limits, a form (لاا) could not reach what its longer word (للاا) reaches through the article
 * (اا), and the two would not share a core. The forms indexed are unchanged.
 */
function coreOf(word: string): string {
  const seen = new Set([word]);
  let core = word;
  for (const form of seen) {
    for (const next of coreForms(form)) {
      if (seen.has(next)) continue;
      seen.add(next);
      if (next.length < core.length || (next.length === core.length && next < core)) core = next;
    }
  }
  return core;
}

function coreForms(word: string): string[] {
  return ARABIC_LETTER.test(word) ? arabicForms(word, ARABIC_MIN_AFTER_ARTICLE) : wordForms(word);
}

/** Joins two cores into one indexed word that no folded word can be (folding leaves letters and digits only). */
export const PAIR_JOINER = '\u00B7';

/** The indexed words of a run of folded words taken two by two: `a·b`, `b·c`… */
export function pairsOf(words: readonly string[]): string[] {
  return words.slice(1).map((word, index) => `${wordCore(words[index] ?? '')}${PAIR_JOINER}${wordCore(word)}`);
}
