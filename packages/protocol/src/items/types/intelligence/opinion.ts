import { z } from 'zod';
import { Language } from '../../../common.ts';
import { defineItemType } from '../../item-type.ts';
import { INTELLIGENCE_ROLES } from './report.ts';

/** STIX 2.1 Opinion's scale, from strong disagreement to strong agreement. */
export const OPINION_VALUES = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'] as const;
export type OpinionValue = (typeof OPINION_VALUES)[number];

/**
 * A party's assessment of a report, with its reasons. A later opinion of the same party on the
 * same report stands in place of the earlier one, which stays in the record.
 */
export const IntelOpinionPayload = z.strictObject({
  opinion: z.enum(OPINION_VALUES),
  explanation: z.string().trim().min(1).max(4000),
  language: Language,
});
export type IntelOpinionPayload = z.infer<typeof IntelOpinionPayload>;

export const intelOpinionType = defineItemType({
  type: 'intel.opinion',
  version: 1,
  payload: IntelOpinionPayload,
  roles: INTELLIGENCE_ROLES,
  tracks: ['intelligence'],
  answers: { types: ['intel.report'] },
  summary: ['opinion', 'explanation'],
});
