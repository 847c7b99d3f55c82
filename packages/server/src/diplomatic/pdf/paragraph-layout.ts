import bidiFactory from 'bidi-js';
import type { FontName } from './fonts.ts';

const bidi = bidiFactory();

export type Direction = 'ltr' | 'rtl';

/** A piece of one line drawn in one font, left to right on the page. */
export interface VisualRun {
  font: FontName;
  /** The characters to hand to pdfkit: shaped by fontkit, they come out in visual order. */
  text: string;
  width: number;
}

export interface LaidLine {
  runs: VisualRun[];
  width: number;
}

export interface ParagraphLayout {
  direction: Direction;
  lines: LaidLine[];
}

export interface LayoutOptions {
  direction: Direction;
  maxWidth: number;
  /** The font a character takes when the text around it does not decide. */
  primaryFont: FontName;
  covers(font: FontName, codePoint: number): boolean;
  /** The width of `text` in `font` at the paragraph's size, shaped as pdfkit will draw it. */
  measure(font: FontName, text: string): number;
}

const ARABIC = /\p{Script=Arabic}/u;
const HEBREW = /\p{Script=Hebrew}/u;
const LATIN = /\p{Script=Latin}/u;
const SPACE = /\s/u;
const FORMAT = /\p{Cf}/u;

/** Wraps a value (a date, an id, a number) so it keeps its own left-to-right order in any text. */
export function isolatedLtr(value: string | number): string {
  return `\u2066${value}\u2069`;
}
const FALLBACK: readonly FontName[] = ['latin', 'latin-ext', 'arabic', 'hebrew'];

/**
 * fontkit decides a run's direction from its first character of a real script: a run of an
 * RTL script it lays out in logical order and reverses itself (which Arabic shaping needs).
 */
const OWN_SCRIPT = /[^\p{Script=Common}\p{Script=Inherited}]/u;
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
function fontkitReverses(text: string): boolean {
  const first = OWN_SCRIPT.exec(text)?.[0];
  return first !== undefined && RTL_SCRIPT.test(first);
}

const reversed = (text: string) => [...text].reverse().join('');

/**
 * The font of each UTF-16 unit: a letter takes its script's font, anything else (spaces,
 * digits, punctuation) stays in the font of what precedes it when that font draws it, so a
 * phrase keeps one font and Arabic words keep their joining.
 */
function assignFonts(text: string, options: LayoutOptions): FontName[] {
  const fonts: FontName[] = new Array<FontName>(text.length);
  let context = options.primaryFont;
  let index = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    let font: FontName;
    if (ARABIC.test(character)) font = 'arabic';
    else if (HEBREW.test(character)) font = 'hebrew';
    else if (LATIN.test(character)) font = options.covers('latin', codePoint) ? 'latin' : 'latin-ext';
    else font = [context, ...FALLBACK].find((candidate) => options.covers(candidate, codePoint)) ?? 'latin';
    for (let unit = 0; unit < character.length; unit++) fonts[index + unit] = font;
    context = font;
    index += character.length;
  }
  return fonts;
}

/** Splits a logical range into pieces of one font, for measuring. */
function fontPieces(text: string, fonts: readonly FontName[], start: number, end: number): { font: FontName; text: string }[] {
  const pieces: { font: FontName; text: string }[] = [];
  let from = start;
  for (let index = start + 1; index <= end; index++) {
    if (index === end || fonts[index] !== fonts[from]) {
      pieces.push({ font: fonts[from] ?? 'latin', text: text.slice(from, index) });
      from = index;
    }
  }
  return pieces;
}

/**
 * Greedy line breaking in logical order, at spaces; a word longer than a line (an item id)
 * breaks between characters. Returns [start, end) ranges without their trailing spaces.
 * Widths add up word by word: shaping never joins across a space.
 */
function breakLines(text: string, fonts: readonly FontName[], options: LayoutOptions): [number, number][] {
  const width = (start: number, end: number) => fontPieces(text, fonts, start, end).reduce((sum, piece) => sum + options.measure(piece.font, piece.text), 0);
  const lines: [number, number][] = [];
  let lineStart = -1;
  let lineEnd = -1;
  let lineWidth = 0;
  let position = 0;
  while (position < text.length) {
    const spaceStart = position;
    while (position < text.length && SPACE.test(text[position] ?? '')) position++;
    let wordStart = position;
    while (position < text.length && !SPACE.test(text[position] ?? '')) position++;
    if (position === wordStart) break;
    let wordWidth = width(wordStart, position);
    const gap = lineStart < 0 ? 0 : width(spaceStart, wordStart);
    if (lineStart >= 0 && lineWidth + gap + wordWidth <= options.maxWidth) {
      lineEnd = position;
      lineWidth += gap + wordWidth;
      continue;
    }
    if (lineStart >= 0) lines.push([lineStart, lineEnd]);
    // A single word wider than the line: cut it where it overflows.
    while (wordWidth > options.maxWidth && position - wordStart > 1) {
      let cut = wordStart + 1;
      while (cut + 1 < position && width(wordStart, cut + 1) <= options.maxWidth) cut++;
      if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut++;
      lines.push([wordStart, cut]);
      wordStart = cut;
      wordWidth = width(wordStart, position);
    }
    lineStart = wordStart;
    lineEnd = position;
    lineWidth = wordWidth;
  }
  if (lineStart >= 0) lines.push([lineStart, lineEnd]);
  return lines;
}

/**
 * One line in visual order (UAX #9 rules L1–L4 by bidi-js), cut into runs of one font and one
 * embedding level. pdfkit draws glyphs left to right as fontkit gives them, and fontkit itself
 * reverses a run of an RTL script after shaping it: each run is handed over in the order that
 * makes fontkit's output come out visual, so Arabic letters join and digits read left to right.
 */
function visualLine(text: string, levels: Uint8Array, embedding: ReturnType<typeof bidi.getEmbeddingLevels>, fonts: readonly FontName[], range: [number, number], options: LayoutOptions): LaidLine {
  const [start, end] = range;
  const order = Array.from({ length: end - start }, (_, offset) => start + offset);
  for (const [flipStart = start, flipEnd = start] of bidi.getReorderSegments(text, embedding, start, end - 1)) {
    const segment = order.slice(flipStart - start, flipEnd - start + 1).reverse();
    order.splice(flipStart - start, segment.length, ...segment);
  }
  const mirrored = bidi.getMirroredCharactersMap(text, levels, start, end - 1);
  const runs: VisualRun[] = [];
  let group: number[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const first = group[0] ?? start;
    const font = fonts[first] ?? 'latin';
    const logical = [...group]
      .sort((a, b) => a - b)
      .map((index) => mirrored.get(index) ?? text[index] ?? '')
      .join('');
    const wanted = (levels[first] ?? 0) % 2 === 1 ? reversed(logical) : logical;
    const handed = fontkitReverses(logical) ? reversed(wanted) : wanted;
    runs.push({ font, text: handed, width: options.measure(font, handed) });
    group = [];
  };
  for (const index of order) {
    // Isolates and marks steer the order; they have nothing to draw.
    if (FORMAT.test(text[index] ?? '')) continue;
    const previous = group[group.length - 1];
    if (previous !== undefined && (fonts[previous] !== fonts[index] || levels[previous] !== levels[index])) flush();
    group.push(index);
  }
  flush();
  return { runs, width: runs.reduce((sum, run) => sum + run.width, 0) };
}

/** A paragraph broken into lines that fit `maxWidth`, each in visual order. */
export function layoutParagraph(paragraph: string, options: LayoutOptions): ParagraphLayout {
  // Line breaks inside a paragraph become spaces: a paragraph is one bidi paragraph.
  const text = paragraph.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
  const embedding = bidi.getEmbeddingLevels(text, options.direction);
  const fonts = assignFonts(text, options);
  const lines = breakLines(text, fonts, options).map((range) => visualLine(text, embedding.levels, embedding, fonts, range, options));
  return { direction: options.direction, lines };
}
