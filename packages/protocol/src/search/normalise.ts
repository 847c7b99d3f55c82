/**
 * How text is folded before it is indexed or searched: the same function for both, on every
 * engine, so a word matches whatever marks, letter variants or case it was written with.
 *
 * - compatibility forms are decomposed (Arabic and Hebrew presentation forms, ligatures, `ﬁ`);
 * - case is folded;
 * - every combining mark is dropped: Arabic harakat, shadda, sukun, superscript alef and the
 *   hamza and madda carried by a letter (so أ إ آ read as ا, ؤ as و, ئ as ي), Hebrew niqqud and
 *   cantillation, Latin accents;
 * - Arabic tatweel, Hebrew geresh and gershayim (צה״ל, and its ASCII spelling צה"ל) and
 *   invisible format characters (joiners, direction marks) are removed;
 * - ٱ reads as ا, ة as ه, ى as ي; Persian ی and ک as ي and ك; Arabic-Indic digits as 0–9.
 */

/** Characters that vanish: marks, format characters, tatweel, geresh and gershayim, apostrophes inside Hebrew words. */
const VANISHING = /[\p{M}\p{Cf}\u0640\u05F3\u05F4'"\u2019]/gu;

const LETTER_VARIANTS: Readonly<Record<string, string>> = {
  '\u0671': '\u0627', // ٱ alef wasla → ا
  '\u0629': '\u0647', // ة ta marbuta → ه
  '\u0649': '\u064A', // ى alef maqsura → ي
  '\u06CC': '\u064A', // ی Persian yeh → ي
  '\u06A9': '\u0643', // ک keheh → ك
};

const VARIANT = new RegExp(`[${Object.keys(LETTER_VARIANTS).join('')}\u0660-\u0669\u06F0-\u06F9]`, 'gu');

function unifyLetter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  return LETTER_VARIANTS[character] ?? character;
}

/** A word's letters and digits, folded; what is left of anything else splits words. */
const WORD_CHARACTERS = /[\p{L}\p{N}]+/gu;

/**
 * The searchable words of one written word (see `writtenWords`), folded. Usually one; a
 * compatibility form may give more (`½` gives `1` and `2`).
 */
export function foldWord(written: string): string[] {
  const folded = written.normalize('NFKD').toLowerCase().replace(VANISHING, '').replace(VARIANT, unifyLetter);
  return (folded.match(WORD_CHARACTERS) ?? []).map(capped);
}

/**
 * Words are kept to their first 64 characters: no language needs more, and a run of letters
 * without a break (a pasted key, a hash) stays within what both engines index.
 */
const MAX_WORD_LENGTH = 64;

function capped(word: string): string {
  return word.length <= MAX_WORD_LENGTH ? word : [...word].slice(0, MAX_WORD_LENGTH).join('');
}
