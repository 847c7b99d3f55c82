// Characters for generated text: what every text field may hold (every script, emoji,
// combining marks, direction marks, tabs and new lines) and what none may (C0 controls
// other than tab and line feed, unpaired surrogates), plus odd mixtures of both.

import { findUnsafeText } from '@fusion-cell/protocol';
import fc from 'fast-check';

/** Characters that are legal in any text field, yet unusual enough to trip a careless parser. */
const LEGAL_ODDITIES = [
  '\t', '\n', ' ', '\u00a0', '\u3000', '\u2028', '\u2029', '\ufeff', '\u200b', '\u200d', '\u200f', '\u202e',
  '\u007f', '\u0085', '\u009f', '\uffff', '\ufffd', 'e\u0301', 'İ', 'ß', 'ﬃ', 'مرحبا', 'שלום', '日本',
  '😀', '👩‍👩‍👧', '🏳️‍🌈', '"', '\\', '/', '—', '+', '=', '%00', '\\u0000', '<script>', '${x}', '{}', '[]',
];

/** C0 control characters no text field may hold (tab and line feed are allowed). */
export const controlCharacter: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0x1f })
  .filter((code) => code !== 0x09 && code !== 0x0a)
  .map((code) => String.fromCharCode(code));

/** A UTF-16 surrogate on its own: not text, and with no UTF-8 form. */
export const loneSurrogate: fc.Arbitrary<string> = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** One character (or short cluster) any text field may hold. */
export const legalCharacter: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...LEGAL_ODDITIES) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
);

/** A visible character: trimmed text needs at least one. */
const visibleCharacter: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }).filter((character) => character.trim() !== ''),
  fc.constantFrom('é', 'م', 'ש', '日', '😀', 'e\u0301'),
);

/** Any character: legal, illegal, or astral. */
export const oddCharacter: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: legalCharacter },
  { weight: 1, arbitrary: controlCharacter },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Text any field may hold, at most `maxLength` UTF-16 units long (clusters are never cut). */
export function legalText(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const upper = Math.max(minLength, Math.min(maxLength, minLength + 40));
  return fc
    .string({ unit: legalCharacter, minLength, maxLength: upper })
    .map((text) => text.slice(0, maxLength))
    .filter((text) => text.length >= minLength && !/[\uD800-\uDFFF]$/.test(text));
}

/**
 * Text with visible content between `minLength` and `maxLength` once trimmed, for fields
 * that trim before counting.
 */
export function contentText(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc
    .tuple(visibleCharacter, legalText(0, Math.max(0, maxLength - 2)), visibleCharacter)
    .map(([first, middle, last]) => `${first}${middle}${last}`)
    .filter((text) => text.trim().length >= minLength && text.trim().length <= maxLength);
}

/** Text that may hold anything, legal or not. */
export function oddText(maxLength = 40): fc.Arbitrary<string> {
  return fc.string({ unit: oddCharacter, maxLength });
}

/** Text that holds at least one character no field may hold, somewhere. */
export const unsafeText: fc.Arbitrary<string> = fc
  .tuple(legalText(0, 12), fc.oneof(controlCharacter, loneSurrogate), legalText(0, 12))
  .map(([before, bad, after]) => `${before}${bad}${after}`)
  // Legal text never ends in a high surrogate nor starts with a low one, but say it anyway.
  .filter((text) => findUnsafeText(text) !== undefined);
