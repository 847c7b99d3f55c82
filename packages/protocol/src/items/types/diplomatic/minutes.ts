import { z } from 'zod';
import { ItemIdText, Language, Slug } from '../../../common.ts';
import type { Party } from '../../documents.ts';
import { defineItemType } from '../../item-type.ts';
import { OPERATIONAL, SHARED_COMPARTMENTS } from '../audiences.ts';
import { duplicates } from './meeting.ts';

/** A decision the meeting took, marked as such in its section. */
export const MinutesDecision = z.strictObject({
  id: Slug,
  text: z.string().trim().min(1).max(4000),
});
export type MinutesDecision = z.infer<typeof MinutesDecision>;

/** What was said and decided under one item of the meeting's agenda. */
export const MinutesSection = z.strictObject({
  agendaItem: Slug.describe("the id of the meeting's agenda item"),
  text: z.string().trim().min(1).max(20000),
  decisions: z.array(MinutesDecision).max(50).optional(),
});
export type MinutesSection = z.infer<typeof MinutesSection>;

/**
 * The minutes of one meeting, a co-signed document: drafted (by a supervisor), amended by any
 * party taking part (each amendment a new version), and agreed once every party taking part
 * has signed the same version; agreed minutes take no further version.
 */
export const MinutesPayload = z
  .strictObject({
    meeting: ItemIdText.describe('the meeting these minutes record'),
    parties: z.array(Slug).min(1).max(20).describe("the parties that sign: the meeting's, sides and supervisors"),
    sections: z.array(MinutesSection).min(1).max(40),
    amendment: z.string().trim().min(1).max(2000).optional().describe('what this version changes, for a version after the first'),
    language: Language,
  })
  .superRefine((minutes, context) => {
    duplicates(minutes.parties).forEach((index) => context.addIssue({ code: 'custom', path: ['parties', index], message: 'a party is named once' }));
    duplicates(minutes.sections.map((section) => section.agendaItem)).forEach((index) => context.addIssue({ code: 'custom', path: ['sections', index, 'agendaItem'], message: 'one section for each agenda item' }));
    const decisions = minutes.sections.flatMap((section, sectionIndex) => (section.decisions ?? []).map((decision, index) => ({ id: decision.id, path: ['sections', sectionIndex, 'decisions', index, 'id'] })));
    duplicates(decisions.map((decision) => decision.id)).forEach((index) => context.addIssue({ code: 'custom', path: decisions[index]?.path ?? [], message: 'each decision has its own id' }));
  });
export type MinutesPayload = z.infer<typeof MinutesPayload>;

/** The parties a version names that sign it: sides and supervisors of the compartment. */
export function namedSigners(parties: readonly Party[], payload: Record<string, unknown>): string[] {
  const named = Array.isArray(payload.parties) ? payload.parties : [];
  return parties.filter((party) => (party.kind === 'side' || party.kind === 'supervisor') && named.includes(party.id)).map((party) => party.id);
}

export const minutesType = defineItemType({
  type: 'minutes',
  version: 1,
  payload: MinutesPayload,
  roles: OPERATIONAL,
  partyKinds: ['side', 'supervisor'],
  tracks: ['diplomatic'],
  compartments: SHARED_COMPARTMENTS,
  document: { acts: ['signature'], signers: namedSigners, final: true },
  summary: ['amendment'],
});
