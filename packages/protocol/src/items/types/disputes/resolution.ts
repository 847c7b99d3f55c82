import { z } from 'zod';
import { ItemIdText, Language, Slug, TRACKS } from '../../../common.ts';
import { defineItemType } from '../../item-type.ts';
import { OPERATIONAL } from '../audiences.ts';
import { duplicates } from '../diplomatic/meeting.ts';
import { namedSigners } from '../diplomatic/minutes.ts';

/**
 * The resolution of a dispute in its resolution stage: a co-signed document whose version 1
 * refers first to the dispute, and each later version to the one before. It is signed by the
 * parties it names (the raiser, the respondents and the supervisors) and, once all have signed
 * the same version, in force and closed to new versions. Commitments may then be taken from it.
 */
export const DisputeResolutionPayload = z
  .strictObject({
    dispute: ItemIdText.describe('the dispute it resolves'),
    parties: z.array(Slug).min(2).max(20).describe('the parties that sign: the raiser, the respondents and the supervisors'),
    text: z.string().trim().min(1).max(20000),
    amendment: z.string().trim().min(1).max(2000).optional().describe('what this version changes, for a version after the first'),
    language: Language,
  })
  .superRefine((resolution, context) => {
    duplicates(resolution.parties).forEach((index) => context.addIssue({ code: 'custom', path: ['parties', index], message: 'a party is named once' }));
  });
export type DisputeResolutionPayload = z.infer<typeof DisputeResolutionPayload>;

export const disputeResolutionType = defineItemType({
  type: 'dispute.resolution',
  version: 1,
  payload: DisputeResolutionPayload,
  roles: OPERATIONAL,
  partyKinds: ['side', 'supervisor'],
  tracks: TRACKS,
  compartments: ['plenary'],
  document: { acts: ['signature'], signers: namedSigners, final: true },
  summary: ['amendment', 'text'],
});
