import { z } from 'zod';
import { Language, LANGUAGES } from '../../../common.ts';
import { sidesAndSupervisors } from '../../documents.ts';
import { defineItemType } from '../../item-type.ts';
import { RESPONDERS } from '../audiences.ts';

/**
 * A term of the glossary: the words each language uses for one thing, so that a translation
 * never turns a "withdrawal" into a "retreat". Agreed when every side and supervisor has
 * signed the same version; a change is a new version.
 */
export const GlossaryTermPayload = z
  .strictObject({
    term: z.string().trim().min(1).max(200).describe('the term in its authoritative language'),
    language: Language.describe('the authoritative language of the term and its definition'),
    // An object of the languages rather than a record keyed by them: a record lets `__proto__` through.
    equivalents: z
      .strictObject(Object.fromEntries(LANGUAGES.map((language) => [language, z.string().trim().min(1).max(200).optional()])) as Record<Language, z.ZodOptional<z.ZodString>>)
      .optional()
      .describe('the agreed term in each other language'),
    definition: z.string().trim().min(1).max(4000).optional(),
  })
  .superRefine((entry, context) => {
    if (entry.equivalents?.[entry.language] !== undefined) {
      context.addIssue({ code: 'custom', path: ['equivalents', entry.language], message: 'the authoritative language is given in term' });
    }
  });
export type GlossaryTermPayload = z.infer<typeof GlossaryTermPayload>;

export const glossaryTermType = defineItemType({
  type: 'glossary.term',
  version: 1,
  payload: GlossaryTermPayload,
  roles: RESPONDERS,
  partyKinds: ['side', 'supervisor'],
  tracks: ['general'],
  compartments: ['plenary'],
  document: { acts: ['signature'], signers: sidesAndSupervisors },
  summary: ['term', 'definition'],
});
