import { z } from 'zod';
import { Language, TRACKS } from '../../../common.ts';
import { defineItemType } from '../../item-type.ts';
import { RESPONDERS } from '../audiences.ts';

/**
 * The author's party confirms that an `understood` acknowledgment's read-back says what it
 * meant (it refers first to that acknowledgment). One that does not is answered with a
 * clarification on the acknowledgment instead.
 */
export const ReadbackConfirmPayload = z
  .strictObject({
    note: z.string().trim().min(1).max(2000).optional(),
    language: Language.optional().describe('language of the note'),
  })
  .superRefine((confirm, context) => {
    if (confirm.note !== undefined && confirm.language === undefined) context.addIssue({ code: 'custom', path: ['language'], message: 'say the language of the note' });
  });
export type ReadbackConfirmPayload = z.infer<typeof ReadbackConfirmPayload>;

export const readbackConfirmType = defineItemType({
  type: 'readback.confirm',
  version: 1,
  payload: ReadbackConfirmPayload,
  roles: RESPONDERS,
  tracks: TRACKS,
  attached: true,
  summary: ['note'],
});
