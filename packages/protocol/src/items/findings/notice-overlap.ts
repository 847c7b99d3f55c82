import { z } from 'zod';
import { defineFinding } from '../findings.ts';

/** Other parties' notices whose area and window meet this one's. */
export const NoticeOverlapDetail = z.strictObject({
  notices: z
    .array(
      z.strictObject({
        notice: z.string().min(1).max(64),
        party: z.string().min(1).max(64),
        kind: z.string().min(1).max(40),
        from: z.string().max(40).describe('where the two windows start to overlap'),
        to: z.string().max(40).describe('where they stop'),
      }),
    )
    .max(200),
});
export type NoticeOverlapDetail = z.infer<typeof NoticeOverlapDetail>;

/**
 * A notice against the other parties' notices still standing, in space and time: two forces
 * planning to be in one place at one time is what prior notification exists to catch.
 */
export const NOTICE_OVERLAP = defineFinding({ check: 'notice-overlap', detail: NoticeOverlapDetail });
