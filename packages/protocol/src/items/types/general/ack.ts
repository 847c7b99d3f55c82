import { z } from 'zod';
import { Language, TRACKS } from '../../../common.ts';
import { AckLevel } from '../../../rules.ts';
import { defineItemType } from '../../item-type.ts';

/**
 * A signed acknowledgment of the one item it refers to, by the author's party. `understood`
 * may carry a read-back in the acknowledger's own words; `contested` must give its reason.
 */
export const AckPayload = z
  .strictObject({
    level: AckLevel,
    readBack: z.string().trim().min(1).max(4000).optional(),
    reason: z.string().trim().min(1).max(4000).optional(),
    language: Language.optional().describe('language of the read-back or reason'),
  })
  .superRefine((ack, context) => {
    if (ack.level === 'contested' && ack.reason === undefined) {
      context.addIssue({ code: 'custom', path: ['reason'], message: 'a contested acknowledgment must give its reason' });
    }
    if (ack.reason !== undefined && ack.level !== 'contested') {
      context.addIssue({ code: 'custom', path: ['reason'], message: 'only a contested acknowledgment has a reason' });
    }
    if (ack.readBack !== undefined && ack.level !== 'understood') {
      context.addIssue({ code: 'custom', path: ['readBack'], message: 'only an understood acknowledgment has a read-back' });
    }
    if ((ack.readBack !== undefined || ack.reason !== undefined) && ack.language === undefined) {
      context.addIssue({ code: 'custom', path: ['language'], message: 'say the language of the text' });
    }
  });
export type AckPayload = z.infer<typeof AckPayload>;

export const ackType = defineItemType({
  type: 'ack',
  version: 1,
  payload: AckPayload,
  roles: ['head', 'duty', 'analyst', 'commercial'],
  tracks: TRACKS,
  // Acknowledging an acknowledgment, or the cell's own escalation, would never end; a
  // signature is itself the party's act on what it signs; a release note only keeps the tie of a
  // release the party made itself.
  answers: { except: ['ack', 'escalation', 'document.sign', 'intel.release.note'] },
  summary: ['readBack', 'reason'],
});
