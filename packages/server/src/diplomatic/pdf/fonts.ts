import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { woffToSfnt } from './woff-to-sfnt.ts';

const require = createRequire(import.meta.url);

/** The fonts a PDF embeds: Noto Sans for Latin, Noto Naskh Arabic, Noto Sans Hebrew; each in two weights. */
export const FONT_NAMES = ['latin', 'latin-ext', 'arabic', 'hebrew'] as const;
export type FontName = (typeof FONT_NAMES)[number];
export type Weight = 'regular' | 'bold';

const FILES: Record<FontName, { pkg: string; file: string }> = {
  latin: { pkg: '@fontsource/noto-sans', file: 'noto-sans-latin' },
  'latin-ext': { pkg: '@fontsource/noto-sans', file: 'noto-sans-latin-ext' },
  arabic: { pkg: '@fontsource/noto-naskh-arabic', file: 'noto-naskh-arabic-arabic' },
  hebrew: { pkg: '@fontsource/noto-sans-hebrew', file: 'noto-sans-hebrew-hebrew' },
};

/** What the layout needs of a font file: whether it draws a character (fontkit's own answer). */
interface GlyphCoverage {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** The fontkit that pdfkit itself embeds fonts with, so coverage is judged by the very parser that will draw them. */
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(buffer: Buffer): GlyphCoverage };

function fontFile(name: FontName, weight: Weight): string {
  const { pkg, file } = FILES[name];
  const directory = path.dirname(require.resolve(`${pkg}/package.json`));
  return path.join(directory, 'files', `${file}-${weight === 'bold' ? 700 : 400}-normal.woff`);
}

/** The registered name of a font in a given weight, as `doc.font()` takes it. */
export function fontId(name: FontName, weight: Weight): string {
  return `${name}-${weight}`;
}

export interface FontSet {
  /** Every font by registered name, for `doc.registerFont`, as plain OpenType. */
  files: Map<string, Buffer>;
  /** Whether the font draws the code point (weights cover the same characters). */
  covers(name: FontName, codePoint: number): boolean;
}

let loaded: FontSet | undefined;

/**
 * The embedded fonts, read once per process. fontkit opens .woff files, but inflates a WOFF's
 * whole glyph table again for every glyph it reads (shaping marks, subsetting): the tables are
 * inflated once here instead, and pdfkit gets the same font as plain OpenType.
 */
export function fontSet(): FontSet {
  if (loaded) return loaded;
  const files = new Map<string, Buffer>();
  const coverage = new Map<FontName, GlyphCoverage>();
  for (const name of FONT_NAMES) {
    for (const weight of ['regular', 'bold'] as const) files.set(fontId(name, weight), woffToSfnt(fs.readFileSync(fontFile(name, weight))));
    coverage.set(name, fontkit.create(files.get(fontId(name, 'regular')) ?? Buffer.alloc(0)));
  }
  loaded = { files, covers: (name, codePoint) => coverage.get(name)?.hasGlyphForCodePoint(codePoint) ?? false };
  return loaded;
}
