import { z } from 'zod';
import { Language } from '../common.ts';
import { AckLevel } from '../scenario.ts';

/** Order of acknowledgment levels; `accepted` and `contested` are both final answers. */
export const ACK_LEVEL_RANK: Record<z.infer<typeof AckLevel>, number> = { received: 1, understood: 2, accepted: 3, contested: 3 };

/** Whether `given` meets a requirement of `required` (a contest answers as much as an acceptance). */
export function ackLevelMeets(given: z.infer<typeof AckLevel>, required: z.infer<typeof AckLevel>): boolean {
  return ACK_LEVEL_RANK[given] >= ACK_LEVEL_RANK[required];
}

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
