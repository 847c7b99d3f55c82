/**
 * What a glossary compares a word by. A term is agreed in one form ("انسحاب", "נסיגה",
 * "withdrawal") and written in texts in many: with the prefixes Arabic and Hebrew join to the
 * next word (والانسحاب, "and the withdrawal"; ובנסיגה, "and in the withdrawal"), and with the
 * endings of the feminine and the plural (المفاوضات, "the negotiations"; נסיגות, "withdrawals";
 * "withdrawals"). Each folded word is given keys: its forms without prefixes (the search's
 * `wordForms`), each also without one such ending; two words match when they share a key.
 *
 * Like the search, it is light and without a dictionary: a word that merely ends as a plural
 * does (بيوت) is also keyed without that ending when enough is left. Stems of at least three
 * letters keep such extra matches rare; a missed term is worse than an extra highlight.
 */
import { wordForms } from '../search/word-forms.ts';

const ARABIC_LETTER = /^[\u0621-\u064A]/u;
const HEBREW_LETTER = /^[\u05D0-\u05EA]/u;
const LATIN_LETTER = /^[a-z]/u;

/** What is left of a word once an ending is taken off: three letters, so a root is never cut. */
const MIN_STEM = 3;

/**
 * Arabic endings, folded (ة reads as ه): the feminine, the sound feminine plural ات, the sound
 * masculine plural ون / ين. Longer endings first.
 */
const ARABIC_ENDINGS = ['ات', 'ون', 'ين', 'ه'];

/**
 * Hebrew endings: the plurals ים / ות, the feminine ה and its construct ת (הפסקה, הפסקת אש).
 * Compared with final letters written as ordinary ones, so הסכם and הסכמים share הסכמ.
 */
const HEBREW_ENDINGS = ['ים', 'ות', 'ה', 'ת'];
const HEBREW_FINALS: Readonly<Record<string, string>> = { ך: 'כ', ם: 'מ', ן: 'נ', ף: 'פ', ץ: 'צ' };

/** The Arabic article a term may be agreed with (المنطقة), and the Hebrew one (ההפרדה). */
const ARABIC_ARTICLE = 'ال';
const HEBREW_ARTICLE = 'ה';

function hebrewOrdinary(word: string): string {
  return word.replace(/[ךםןףץ]/gu, (letter) => HEBREW_FINALS[letter] ?? letter);
}

function withoutEnding(word: string, endings: readonly string[]): string | undefined {
  const ending = endings.find((candidate) => word.endsWith(candidate) && [...word].length - candidate.length >= MIN_STEM);
  return ending === undefined ? undefined : word.slice(0, -ending.length);
}

/** English singulars: "zones" → zone, "boxes" → box, "parties" → party; "class" stays. */
function englishSingulars(word: string): string[] {
  const singulars: string[] = [];
  if (word.length <= MIN_STEM || !word.endsWith('s') || word.endsWith('ss')) return singulars;
  if (word.endsWith('ies') && word.length - 3 >= MIN_STEM - 1) singulars.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) singulars.push(word.slice(0, -2));
  singulars.push(word.slice(0, -1));
  return singulars;
}

/** One form and what it is without a plural or feminine ending, as its script writes those. */
function stemsOf(form: string): string[] {
  if (ARABIC_LETTER.test(form)) {
    const stem = withoutEnding(form, ARABIC_ENDINGS);
    return stem === undefined ? [form] : [form, stem];
  }
  if (HEBREW_LETTER.test(form)) {
    const stem = withoutEnding(form, HEBREW_ENDINGS);
    return stem === undefined ? [hebrewOrdinary(form)] : [hebrewOrdinary(form), hebrewOrdinary(stem)];
  }
  if (LATIN_LETTER.test(form)) return [form, ...englishSingulars(form)];
  return [form];
}

/** The keys of a folded word of a text: each form it has without its prefixes, with and without an ending. */
export function textWordKeys(folded: string): Set<string> {
  return new Set(wordForms(folded).flatMap(stemsOf));
}

/**
 * The keys of a folded word of a term. A term is agreed as a word, not written after "and" or
 * "in", so only the article is taken off it: a term agreed as الانسحاب is found in انسحاب.
 */
export function termWordKeys(folded: string): Set<string> {
  const forms = [folded];
  if (ARABIC_LETTER.test(folded) && folded.startsWith(ARABIC_ARTICLE) && folded.length - ARABIC_ARTICLE.length >= 2) forms.push(folded.slice(ARABIC_ARTICLE.length));
  if (HEBREW_LETTER.test(folded) && folded.startsWith(HEBREW_ARTICLE) && folded.length - HEBREW_ARTICLE.length >= MIN_STEM) forms.push(folded.slice(HEBREW_ARTICLE.length));
  return new Set(forms.flatMap(stemsOf));
}
