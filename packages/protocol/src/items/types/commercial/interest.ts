import { z } from 'zod';
import { Language } from '../../../common.ts';
import { defineItemType } from '../../item-type.ts';
import { COMMERCIAL_ROLES, OPPORTUNITY_LIFECYCLE } from './opportunity.ts';

/** Another party's expression of interest in an opportunity, with what it has in mind. */
export const InterestPayload = z.strictObject({
  note: z.string().trim().min(1).max(4000),
  language: Language,
});
export type InterestPayload = z.infer<typeof InterestPayload>;

export const interestType = defineItemType({
  type: 'interest',
  version: 1,
  payload: InterestPayload,
  roles: COMMERCIAL_ROLES,
  partyKinds: ['side', 'supervisor'],
  tracks: ['commercial'],
  // It answers the opportunity: in its compartment and track, never by the proposer's own party.
  answers: { types: ['opportunity'] },
  // The proposer's party acknowledges it by the deadline of the rule `interest`.
  obligation: { ruleKey: 'interest', owedBy: 'subject-author' },
  lifecycle: OPPORTUNITY_LIFECYCLE,
  summary: ['note'],
});
