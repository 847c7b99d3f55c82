import type { SearchTextPart } from '../api/search.ts';
import { eachWrittenWord, type WrittenWord } from './text-words.ts';

/** Whether one of a written word's folded words, in any of its forms, is a word searched for. */
function isSought(written: WrittenWord, sought: ReadonlySet<string>): boolean {
  return written.words.some((forms) => forms.some((form) => sought.has(form)));
}

/**
 * Whether a text holds the phrase: its folded words one after the other, each in any of its
 * forms (so "المدينة الكبيرة" is found in والمدينة الكبيرة).
 */
export function containsPhrase(text: string, phrase: readonly string[]): boolean {
  if (phrase.length === 0) return true;
  // The folded words of the text, each with its forms, read as they come; a run is kept per possible start.
  let runs: number[] = [];
  for (const written of eachWrittenWord(text)) {
    for (const forms of written.words) {
      const next: number[] = [];
      for (const matched of [0, ...runs]) {
        if (!forms.includes(phrase[matched] ?? '')) continue;
        if (matched + 1 === phrase.length) return true;
        next.push(matched + 1);
      }
      runs = next;
    }
  }
  return false;
}

/** The whole text, split so that each word searched for is a part of its own, marked. */
export function searchHighlighted(text: string, sought: ReadonlySet<string>): SearchTextPart[] {
  return searchExcerpt(text, sought, Number.POSITIVE_INFINITY);
}

/** How many words of context an excerpt keeps before the first word found. */
const CONTEXT_BEFORE = 8;
const ELLIPSIS = '…';

/**
 * A passage of at most `length` written words around the first word searched for (the start of
 * the text when none is found), with each such word marked, and an ellipsis where text was cut.
 * The text is returned as written: the reader's app renders parts as text, never as markup.
 */
export function searchExcerpt(text: string, sought: ReadonlySet<string>, length = 32): SearchTextPart[] {
  const words: WrittenWord[] = [];
  let first = -1;
  for (const written of eachWrittenWord(text)) {
    if (first < 0 && isSought(written, sought)) first = words.length;
    words.push(written);
    // Enough read: the passage around the first match is complete, and one more says whether text follows.
    if (first >= 0 && words.length > Math.max(first - CONTEXT_BEFORE, 0) + length) break;
  }
  if (words.length === 0) return text.trim() ? [{ text: text.trim() }] : [];
  const start = first < 0 || !Number.isFinite(length) ? 0 : Math.max(first - CONTEXT_BEFORE, 0);
  const end = Math.min(start + length, words.length);
  const parts: SearchTextPart[] = [];
  const plain = (piece: string) => {
    if (piece === '') return;
    const last = parts[parts.length - 1];
    if (last && !last.match) last.text += piece;
    else parts.push({ text: piece });
  };
  let position = start === 0 ? 0 : (words[start]?.start ?? 0);
  if (start > 0) plain(`${ELLIPSIS} `);
  for (let index = start; index < end; index += 1) {
    const written = words[index] as WrittenWord;
    plain(text.slice(position, written.start));
    const piece = text.slice(written.start, written.end);
    if (isSought(written, sought)) parts.push({ text: piece, match: true });
    else plain(piece);
    position = written.end;
  }
  const cut = end < words.length;
  plain(cut ? ` ${ELLIPSIS}` : text.slice(position));
  return trimmed(parts);
}

/** Without the white space the passage starts or ends with, which the cut leaves behind. */
function trimmed(parts: SearchTextPart[]): SearchTextPart[] {
  const first = parts[0];
  if (first && !first.match) first.text = first.text.trimStart();
  const last = parts[parts.length - 1];
  if (last && !last.match) last.text = last.text.trimEnd();
  return parts.filter((part) => part.text !== '');
}
