import { z } from 'zod';
import { Language, TRACKS } from '../../../common.ts';
import { defineItemType } from '../../item-type.ts';

/**
 * A translator's translation of the item it refers to first, into one of the cell's languages
 * other than the item's own (which stays the authoritative text). Signed like any act; any
 * party may contest it by raising a dispute about it.
 */
export const TranslationPayload = z.strictObject({
  language: Language.describe('the language translated into'),
  text: z.string().trim().min(1).max(40000).describe("the item's text in that language"),
  note: z.string().trim().min(1).max(2000).optional().describe("the translator's note"),
});
export type TranslationPayload = z.infer<typeof TranslationPayload>;

export const translationType = defineItemType({
  type: 'translation',
  version: 1,
  payload: TranslationPayload,
  roles: ['translator'],
  tracks: TRACKS,
  attached: true,
  summary: ['text'],
});
