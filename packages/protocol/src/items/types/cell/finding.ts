import { z } from 'zod';
import { ItemIdText, TRACKS } from '../../../common.ts';
import { FINDING_CHECKS, type FindingCheckKey } from '../../findings/registry.ts';
import { defineItemType } from '../../item-type.ts';

export const FINDING_RESULTS = ['clear', 'flagged'] as const;

/**
 * Entered by the cell itself, signed with its log key, when an automatic check ran on an item
 * (an area against the zones, a notice's lead time): the record then shows what was checked,
 * against what, and what the cell found, so no one argues later about what the system said.
 */
export const FindingPayload = z.discriminatedUnion(
  'check',
  FINDING_CHECKS.map((declaration) =>
    z.strictObject({
      check: z.literal(declaration.check),
      subject: ItemIdText.describe('the item checked'),
      result: z.enum(FINDING_RESULTS).describe('clear: nothing to report; flagged: the parties should look'),
      checked: z.array(z.string().min(1).max(200)).max(1000).describe('what the item was checked against: the zone versions and items its area and time could meet'),
      detail: declaration.detail,
    }),
  ) as unknown as readonly [z.ZodObject, ...z.ZodObject[]],
);
export interface FindingPayload {
  check: FindingCheckKey;
  subject: string;
  result: (typeof FINDING_RESULTS)[number];
  checked: string[];
  detail: Record<string, unknown>;
}

export const findingType = defineItemType({
  type: 'finding',
  version: 1,
  payload: FindingPayload,
  roles: [],
  tracks: TRACKS,
  cellOnly: true,
  attached: true,
  // A flagged finding is put to the party whose item it is about: it answers by its deadline.
  obligation: { ruleKey: 'finding', appliesTo: (payload) => payload.result === 'flagged', owedBy: 'subject-author' },
  summary: ['check'],
});
