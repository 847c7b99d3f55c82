import { diffArrays } from 'diff';
import { passagesOf, type JointTextPayload, type Passage } from '@fusion-cell/protocol';

/** A run of words kept, deleted or inserted between two wordings. */
export interface RedlinePart {
  kind: 'same' | 'deleted' | 'inserted';
  text: string;
}

const segmenters = new Map<string, Intl.Segmenter>();

/** A text cut into its words and the spaces and punctuation between them, as the language reads it. */
function words(text: string, language: string): string[] {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, segmenter);
  }
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}

/**
 * The word-level difference between two wordings in one language. jsdiff's `diffWords` knows
 * Latin letters only and cuts Arabic and Hebrew words apart (it marks "ال" kept and "آن"
 * changed in "الآن" → "اليوم"), and with a segmenter it moves spaces between runs; so the
 * language's `Intl.Segmenter` finds the words and `diffArrays` compares them, which keeps every
 * character of both texts.
 */
export function redline(before: string, after: string, language: string): RedlinePart[] {
  const parts: RedlinePart[] = [];
  for (const change of diffArrays(words(before, language), words(after, language))) {
    const kind = change.added ? 'inserted' : change.removed ? 'deleted' : 'same';
    const text = change.value.join('');
    const last = parts[parts.length - 1];
    if (last?.kind === kind) last.text += text;
    else if (text !== '') parts.push({ kind, text });
  }
  return parts;
}

/** A passage's wording for comparison: its text, or its options one after the other, each named. */
export function passageWording(passage: Passage): string {
  return passage.text ?? (passage.options ?? []).map((option) => `[${option.id}] ${option.text}`).join(' / ');
}

/** One passage compared between two versions: added, removed, changed or the same. */
export interface PassageRedline {
  passage: string;
  change: 'same' | 'changed' | 'added' | 'removed';
  before: string | undefined;
  after: string | undefined;
  parts: RedlinePart[];
}

/**
 * Two versions compared passage by passage, aligned by the passages' ids (stable across
 * versions): the newer version's order, with each passage it no longer holds after the one it
 * followed before.
 */
export function redlineVersions(before: Pick<JointTextPayload, 'sections'>, after: Pick<JointTextPayload, 'sections'>, language: string): PassageRedline[] {
  const old = passagesOf(before);
  const current = passagesOf(after);
  const oldById = new Map(old.map((passage) => [passage.id, passageWording(passage)]));
  const currentIds = new Set(current.map((passage) => passage.id));
  const rows: PassageRedline[] = current.map((passage) => {
    const now = passageWording(passage);
    const was = oldById.get(passage.id);
    if (was === undefined) return { passage: passage.id, change: 'added', before: undefined, after: now, parts: [{ kind: 'inserted', text: now }] };
    return { passage: passage.id, change: was === now ? 'same' : 'changed', before: was, after: now, parts: was === now ? [{ kind: 'same', text: now }] : redline(was, now, language) };
  });
  old.forEach((passage, index) => {
    if (currentIds.has(passage.id)) return;
    const was = passageWording(passage);
    const row: PassageRedline = { passage: passage.id, change: 'removed', before: was, after: undefined, parts: [{ kind: 'deleted', text: was }] };
    const previous = old.slice(0, index).reverse().find((candidate) => rows.some((entry) => entry.passage === candidate.id));
    const at = previous === undefined ? -1 : rows.findIndex((entry) => entry.passage === previous.id);
    rows.splice(at + 1, 0, row);
  });
  return rows;
}
