import { z } from 'zod';
import { defineItemType } from '../../item-type.ts';

/** A communication check: every party in the compartment answers with a `received` ack. */
export const LinkCheckPayload = z.strictObject({
  /** Set on the checks the cell schedules itself, counting from 1. */
  sequence: z.number().int().positive().optional(),
  note: z.string().trim().max(500).optional(),
});
export type LinkCheckPayload = z.infer<typeof LinkCheckPayload>;

export const linkCheckType = defineItemType({
  type: 'link.check',
  version: 1,
  payload: LinkCheckPayload,
  roles: ['duty'],
  tracks: ['general'],
  compartments: ['plenary'],
  obligation: {
    ruleKey: 'link.check',
    // The cell's schedule of checks says how soon every party answers, always urgently.
    ruleFrom: (rules) => ({ level: 'received', within: rules.linkCheck.answerWithin, urgent: true }),
    escalatesAs: 'link-check-missed',
  },
  summary: ['note'],
});
