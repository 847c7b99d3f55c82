import { z } from 'zod';
import { ItemIdText, Language, TRACKS } from '../../../common.ts';
import { SIGNING_ACTS } from '../../documents.ts';
import { defineItemType } from '../../item-type.ts';

/**
 * A party's initials or signature on one exact version of a co-signed document. It refers to
 * the version first, and names the version's id again in its payload, so the signed bytes
 * say what was signed: the id is the hash of the version's entry.
 */
export const DocumentSignPayload = z.strictObject({
  act: z.enum(SIGNING_ACTS),
  version: ItemIdText.describe('the id of the version signed; the same as the first reference'),
  statement: z.string().trim().min(1).max(2000).optional().describe('a declaration made with the act, such as a reservation'),
  language: Language.optional().describe('language of the statement'),
});
export type DocumentSignPayload = z.infer<typeof DocumentSignPayload>;

export const documentSignType = defineItemType({
  type: 'document.sign',
  version: 1,
  payload: DocumentSignPayload,
  // Heads of delegation approve and sign for their party.
  roles: ['head'],
  partyKinds: ['side', 'supervisor'],
  tracks: TRACKS,
  attached: true,
  summary: ['act', 'statement'],
});
