import { z } from 'zod';
import { defineFinding } from '../findings.ts';

/** How much notice was given, against the cell's rule. */
export const NoticeLeadTimeDetail = z.strictObject({
  requiredMs: z.number().int().nonnegative().describe("the cell's minimum lead time"),
  givenMs: z.number().int().describe('from receipt to the start of the window; negative when it had already started'),
  lateByMs: z.number().int().nonnegative().describe('0 when on time'),
});
export type NoticeLeadTimeDetail = z.infer<typeof NoticeLeadTimeDetail>;

/** A notice is accepted however late it comes, and marked late by how much. */
export const NOTICE_LEAD_TIME = defineFinding({ check: 'notice-lead-time', detail: NoticeLeadTimeDetail });
