import { z } from 'zod';
import { Language, LANGUAGES, Slug } from '../../../common.ts';
import { defineItemType } from '../../item-type.ts';
import { OPERATIONAL, SHARED_COMPARTMENTS } from '../audiences.ts';
import { duplicates } from './meeting.ts';
import { namedSigners } from './minutes.ts';

const PassageText = z.string().trim().min(1).max(8000);

/** One alternative wording of a passage, while the parties have not chosen. */
export const PassageOption = z.strictObject({
  id: Slug,
  text: PassageText,
});

/**
 * A passage of the text: its wording, or, while undecided, two or more options (alternative
 * wordings). A text whose passages still hold options cannot be initialled or signed.
 */
export const Passage = z
  .strictObject({
    id: Slug.describe('stable across versions: brackets, suggestions and the redline follow it'),
    text: PassageText.optional(),
    options: z.array(PassageOption).min(2).max(6).optional(),
  })
  .superRefine((passage, context) => {
    if ((passage.text === undefined) === (passage.options === undefined)) context.addIssue({ code: 'custom', path: ['text'], message: 'a passage has its text, or options to choose from, not both' });
    duplicates((passage.options ?? []).map((option) => option.id)).forEach((index) => context.addIssue({ code: 'custom', path: ['options', index, 'id'], message: 'each option has its own id' }));
  });
export type Passage = z.infer<typeof Passage>;

export const TextSection = z.strictObject({
  id: Slug,
  heading: z.string().trim().min(1).max(300).optional(),
  passages: z.array(Passage).min(1).max(100),
});
export type TextSection = z.infer<typeof TextSection>;

/** A translation of one version, marked as such: the authoritative text is the one in `language`. */
export const TextTranslation = z.strictObject({
  language: Language,
  title: z.string().trim().min(1).max(300),
  passages: z.array(z.strictObject({ passage: Slug, text: PassageText })).max(2000),
});
export type TextTranslation = z.infer<typeof TextTranslation>;

/**
 * The single negotiating text, a co-signed document: the pen-holder (a supervisor by default)
 * issues each version; sides propose changes as suggestions, raise and lift their own
 * brackets, initial a version *ad referendum*, then sign it. Initials and signatures bind to
 * the version's id, the hash of its entry.
 */
export const JointTextPayload = z
  .strictObject({
    title: z.string().trim().min(1).max(300),
    penHolder: Slug.describe('the party that issues versions; the same in every version'),
    parties: z.array(Slug).min(1).max(20).describe('the parties that initial and sign it'),
    sections: z.array(TextSection).min(1).max(50),
    translations: z.array(TextTranslation).max(LANGUAGES.length - 1).optional(),
    note: z.string().trim().min(1).max(2000).optional().describe('what this version changes'),
    language: Language.describe('the authoritative language of the text'),
  })
  .superRefine((text, context) => {
    duplicates(text.parties).forEach((index) => context.addIssue({ code: 'custom', path: ['parties', index], message: 'a party is named once' }));
    duplicates(text.sections.map((section) => section.id)).forEach((index) => context.addIssue({ code: 'custom', path: ['sections', index, 'id'], message: 'each section has its own id' }));
    const passages = text.sections.flatMap((section, sectionIndex) => section.passages.map((passage, index) => ({ id: passage.id, path: ['sections', sectionIndex, 'passages', index, 'id'] })));
    duplicates(passages.map((passage) => passage.id)).forEach((index) => context.addIssue({ code: 'custom', path: passages[index]?.path ?? [], message: 'each passage has its own id' }));
    const ids = new Set(passages.map((passage) => passage.id));
    (text.translations ?? []).forEach((translation, index) => {
      if (translation.language === text.language) context.addIssue({ code: 'custom', path: ['translations', index, 'language'], message: 'the authoritative language is the text itself' });
      translation.passages.forEach((entry, entryIndex) => {
        if (!ids.has(entry.passage)) context.addIssue({ code: 'custom', path: ['translations', index, 'passages', entryIndex, 'passage'], message: 'names a passage of this version' });
      });
    });
    duplicates((text.translations ?? []).map((translation) => translation.language)).forEach((index) => context.addIssue({ code: 'custom', path: ['translations', index, 'language'], message: 'one translation per language' }));
  });
export type JointTextPayload = z.infer<typeof JointTextPayload>;

/** Every passage of a version, in order. */
export function passagesOf(payload: Pick<JointTextPayload, 'sections'>): Passage[] {
  return payload.sections.flatMap((section) => section.passages);
}

/** Why a version cannot be initialled or signed as it stands: a passage still holding options. */
export function jointTextUnsignable(payload: Record<string, unknown>): string | undefined {
  const parsed = JointTextPayload.safeParse(payload);
  if (!parsed.success) return undefined;
  const open = passagesOf(parsed.data).filter((passage) => passage.options !== undefined);
  return open.length === 0 ? undefined : `passage ${open.map((passage) => passage.id).join(', ')} still holds options: the pen-holder issues a version with one wording first`;
}

export const BRACKET_ACTIONS = ['raise', 'lift'] as const;
export type BracketAction = (typeof BRACKET_ACTIONS)[number];

/**
 * A party brackets a passage (it does not agree to it yet) or lifts its own bracket. A bracket
 * is owned: only its party lifts it. It refers first to the text's latest version; it stays open
 * across versions until lifted, and while any is open the text cannot be initialled or signed.
 */
export const JointTextBracketPayload = z.strictObject({
  passage: Slug,
  action: z.enum(BRACKET_ACTIONS),
  reason: z.string().trim().min(1).max(2000).optional(),
  language: Language,
});
export type JointTextBracketPayload = z.infer<typeof JointTextBracketPayload>;

export const SUGGESTION_KINDS = ['replace', 'insert', 'delete'] as const;

/** One change a side proposes: a passage's new wording, a new passage after another, or a passage removed. */
export const SuggestedChange = z
  .strictObject({
    kind: z.enum(SUGGESTION_KINDS),
    passage: Slug.describe('the passage changed or removed; for an insertion, the new passage’s id'),
    after: Slug.optional().describe('for an insertion: the passage it follows'),
    section: Slug.optional().describe('for an insertion at the start of a section: that section'),
    text: PassageText.optional(),
  })
  .superRefine((change, context) => {
    if (change.kind !== 'delete' && change.text === undefined) context.addIssue({ code: 'custom', path: ['text'], message: 'a replacement or an insertion gives its text' });
    if (change.kind === 'delete' && change.text !== undefined) context.addIssue({ code: 'custom', path: ['text'], message: 'a deletion has no text' });
    if (change.kind === 'insert' && (change.after === undefined) === (change.section === undefined)) context.addIssue({ code: 'custom', path: ['after'], message: 'an insertion follows a passage, or starts a section' });
    if (change.kind !== 'insert' && (change.after !== undefined || change.section !== undefined)) context.addIssue({ code: 'custom', path: ['after'], message: 'only an insertion says where it goes' });
  });
export type SuggestedChange = z.infer<typeof SuggestedChange>;

/** Changes a side proposes to the latest version, for the pen-holder to accept or reject. */
export const JointTextSuggestionPayload = z.strictObject({
  changes: z.array(SuggestedChange).min(1).max(50),
  reason: z.string().trim().min(1).max(4000).optional(),
  language: Language,
});
export type JointTextSuggestionPayload = z.infer<typeof JointTextSuggestionPayload>;

export const SUGGESTION_DECISIONS = ['accepted', 'rejected'] as const;
export type SuggestionDecision = (typeof SUGGESTION_DECISIONS)[number];

/** The pen-holder's answer to a suggestion, always with its reason; an accepted one goes into the next version. */
export const JointTextDecisionPayload = z.strictObject({
  decision: z.enum(SUGGESTION_DECISIONS),
  reason: z.string().trim().min(1).max(4000),
  language: Language,
});
export type JointTextDecisionPayload = z.infer<typeof JointTextDecisionPayload>;

/**
 * A version with each suggestion applied, for the pen-holder's next version: a replacement
 * rewords its passage, an insertion adds one, a deletion removes one. Changes naming a passage
 * that is not there are skipped and returned, so the pen-holder sees what did not apply.
 */
export function applySuggestion(payload: JointTextPayload, changes: readonly SuggestedChange[]): { sections: TextSection[]; skipped: SuggestedChange[] } {
  const sections = payload.sections.map((section) => ({ ...section, passages: [...section.passages] }));
  const skipped: SuggestedChange[] = [];
  for (const change of changes) {
    const at = locate(sections, change.passage);
    if (change.kind === 'replace' && at && change.text !== undefined) {
      at.section.passages[at.index] = { id: change.passage, text: change.text };
    } else if (change.kind === 'delete' && at && at.section.passages.length > 1) {
      at.section.passages.splice(at.index, 1);
    } else if (change.kind === 'insert' && change.text !== undefined && !at) {
      const after = change.after === undefined ? undefined : locate(sections, change.after);
      const start = change.section === undefined ? undefined : sections.find((section) => section.id === change.section);
      if (after) after.section.passages.splice(after.index + 1, 0, { id: change.passage, text: change.text });
      else if (start) start.passages.unshift({ id: change.passage, text: change.text });
      else skipped.push(change);
    } else {
      skipped.push(change);
    }
  }
  return { sections, skipped };
}

function locate(sections: TextSection[], passage: string): { section: TextSection; index: number } | undefined {
  for (const section of sections) {
    const index = section.passages.findIndex((entry) => entry.id === passage);
    if (index >= 0) return { section, index };
  }
  return undefined;
}

export const jointTextType = defineItemType({
  type: 'joint.text',
  version: 1,
  payload: JointTextPayload,
  roles: OPERATIONAL,
  partyKinds: ['side', 'supervisor'],
  tracks: ['diplomatic'],
  compartments: SHARED_COMPARTMENTS,
  document: { acts: ['initials', 'signature'], signers: namedSigners, unsignable: jointTextUnsignable },
  summary: ['title', 'note'],
});

export const jointTextBracketType = defineItemType({
  type: 'joint.text.bracket',
  version: 1,
  payload: JointTextBracketPayload,
  roles: OPERATIONAL,
  partyKinds: ['side', 'supervisor'],
  tracks: ['diplomatic'],
  compartments: SHARED_COMPARTMENTS,
  attached: true,
  summary: ['action', 'passage', 'reason'],
});

export const jointTextSuggestionType = defineItemType({
  type: 'joint.text.suggestion',
  version: 1,
  payload: JointTextSuggestionPayload,
  roles: OPERATIONAL,
  partyKinds: ['side'],
  tracks: ['diplomatic'],
  compartments: SHARED_COMPARTMENTS,
  // The pen-holder (who issued the version suggested on) owes its decision.
  obligation: { ruleKey: 'joint.text.suggestion', owedBy: 'subject-author' },
  attached: true,
  summary: ['reason'],
});

export const jointTextDecisionType = defineItemType({
  type: 'joint.text.decision',
  version: 1,
  payload: JointTextDecisionPayload,
  roles: OPERATIONAL,
  partyKinds: ['side', 'supervisor'],
  tracks: ['diplomatic'],
  answers: { types: ['joint.text.suggestion'] },
  summary: ['decision', 'reason'],
});
