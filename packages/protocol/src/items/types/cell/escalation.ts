import { z } from 'zod';
import { Timestamp, TRACKS } from '../../../common.ts';
import { ESCALATION_KINDS } from '../../escalation-kinds.ts';
import { defineItemType } from '../../item-type.ts';


/**
 * Entered by the cell itself, signed with its log key, when a party let a deadline pass:
 * the record then shows who owed what, and since when.
 */
export const EscalationPayload = z.strictObject({
  kind: z.enum(ESCALATION_KINDS),
  item: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  party: z.string(),
  required: z.string().describe('the acknowledgment level or reply type that was due'),
  dueAt: Timestamp,
});
export type EscalationPayload = z.infer<typeof EscalationPayload>;

export const escalationType = defineItemType({
  type: 'escalation',
  version: 1,
  payload: EscalationPayload,
  roles: [],
  tracks: TRACKS,
  cellOnly: true,
  answers: {},
  summary: ['required'],
});
