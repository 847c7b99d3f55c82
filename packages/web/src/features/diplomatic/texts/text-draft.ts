import { applySuggestion, type JointTextPayload, type Language, type SuggestedChange, type TextSection } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';

/** A passage as the pen-holder edits it: its wording, or two or more options while undecided. */
export interface DraftPassage {
  id: string;
  text: string;
  options: { id: string; text: string }[];
}

export interface DraftSection {
  id: string;
  heading: string;
  passages: DraftPassage[];
}

export interface DraftTranslation {
  language: Language;
  title: string;
  /** Passage id → its translated wording. */
  passages: Record<string, string>;
}

/** The next version as the pen-holder composes it, before anything is signed. */
export interface TextDraft {
  title: string;
  parties: string[];
  sections: DraftSection[];
  translations: DraftTranslation[];
  note: string;
}

/** The id after the highest `<prefix><n>` in use: new passages, sections and options never take an id a passage had. */
export function nextId(prefix: string, used: Iterable<string>): string {
  let highest = 0;
  for (const id of used) {
    const match = new RegExp(`^${prefix}(\\d+)$`).exec(id);
    if (match?.[1]) highest = Math.max(highest, Number(match[1]));
  }
  return `${prefix}${highest + 1}`;
}

export function passageIds(draft: Pick<TextDraft, 'sections'>): string[] {
  return draft.sections.flatMap((section) => section.passages.map((passage) => passage.id));
}

export function emptyDraft(parties: string[]): TextDraft {
  return { title: '', parties, sections: [{ id: 's1', heading: '', passages: [{ id: 'p1', text: '', options: [] }] }], translations: [], note: '' };
}

function draftSections(sections: readonly TextSection[]): DraftSection[] {
  return sections.map((section) => ({
    id: section.id,
    heading: section.heading ?? '',
    passages: section.passages.map((passage) => ({ id: passage.id, text: passage.text ?? '', options: passage.options?.map((option) => ({ ...option })) ?? [] })),
  }));
}

/** The next version prefilled from the latest: the same wording, parties and translations, with a note still to write. */
export function draftFrom(payload: JointTextPayload): TextDraft {
  return {
    title: payload.title,
    parties: [...payload.parties],
    sections: draftSections(payload.sections),
    translations: (payload.translations ?? []).map((translation) => ({ language: translation.language, title: translation.title, passages: Object.fromEntries(translation.passages.map((entry) => [entry.passage, entry.text])) })),
    note: '',
  };
}

function sectionsOf(draft: Pick<TextDraft, 'sections'>): TextSection[] {
  return draft.sections.map((section) => ({
    id: section.id,
    ...(section.heading.trim() === '' ? {} : { heading: section.heading.trim() }),
    passages: section.passages.map((passage) => (passage.options.length > 0 ? { id: passage.id, options: passage.options.map((option) => ({ id: option.id, text: option.text.trim() })) } : { id: passage.id, text: passage.text.trim() })),
  }));
}

/** An accepted suggestion applied to the draft (the protocol's `applySuggestion`), with the changes that did not apply. */
export function withSuggestion(draft: TextDraft, changes: readonly SuggestedChange[]): { draft: TextDraft; skipped: SuggestedChange[] } {
  const { sections, skipped } = applySuggestion({ sections: sectionsOf(draft) } as JointTextPayload, changes);
  const previous = new Map(draft.sections.flatMap((section) => section.passages.map((passage) => [passage.id, passage])));
  // A passage the suggestion did not touch keeps what the pen-holder typed in it, options included.
  const next = draftSections(sections).map((section) => ({
    ...section,
    heading: draft.sections.find((entry) => entry.id === section.id)?.heading ?? section.heading,
    passages: section.passages.map((passage) => {
      const touched = changes.some((change) => change.passage === passage.id);
      return touched ? passage : (previous.get(passage.id) ?? passage);
    }),
  }));
  return { draft: { ...draft, sections: next }, skipped };
}

/** What the form found missing before signing: the field named as the payload names it. */
export type DraftProblem = { missing: string };

/** The version's payload, or the first field left empty. */
export function payloadOfDraft(draft: TextDraft, penHolder: string, language: Language): { payload: JsonObject } | DraftProblem {
  if (draft.title.trim() === '') return { missing: 'title' };
  for (const [sectionIndex, section] of draft.sections.entries()) {
    for (const [index, passage] of section.passages.entries()) {
      const empty = passage.options.length > 0 ? passage.options.some((option) => option.text.trim() === '') : passage.text.trim() === '';
      if (empty) return { missing: `sections.${sectionIndex}.passages.${index}` };
    }
  }
  const ids = new Set(passageIds(draft));
  const translations = draft.translations
    .filter((translation) => translation.language !== language && translation.title.trim() !== '')
    .map((translation) => ({
      language: translation.language,
      title: translation.title.trim(),
      passages: Object.entries(translation.passages)
        .filter(([passage, text]) => ids.has(passage) && text.trim() !== '')
        .map(([passage, text]) => ({ passage, text: text.trim() })),
    }));
  const payload = {
    title: draft.title.trim(),
    penHolder,
    parties: draft.parties,
    sections: sectionsOf(draft),
    ...(translations.length > 0 ? { translations } : {}),
    ...(draft.note.trim() === '' ? {} : { note: draft.note.trim() }),
    language,
  };
  return { payload: payload as unknown as JsonObject };
}
