import { z } from 'zod';
import { OpportunityPayload, PIPELINE_STATUSES, SECTORS } from '../items/types/commercial/opportunity.ts';

const PipelineStatus = z.enum(PIPELINE_STATUSES);

export const PipelineQuery = z.strictObject({
  sector: z.enum(SECTORS).optional().describe('only opportunities of this sector'),
  party: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a party id').optional().describe('only opportunities this party proposed'),
  status: PipelineStatus.optional().describe('only opportunities at this status'),
  q: z.string().trim().min(1).max(200).optional().describe('only opportunities whose title, description or what they seek hold every word'),
});
export type PipelineQuery = z.infer<typeof PipelineQuery>;

const PipelineMoveView = z.object({
  item: z.string(),
  type: z.enum(['interest', 'opportunity.move']),
  status: PipelineStatus,
  party: z.string(),
  at: z.string(),
  note: z.string().optional(),
  language: z.string().optional(),
});

const PipelineInterestView = z.object({ item: z.string(), party: z.string(), at: z.string(), note: z.string(), language: z.string() });

export const PipelineEntryView = z.object({
  opportunity: z.string(),
  compartment: z.string(),
  proposedBy: z.string(),
  proposedAt: z.string(),
  payload: OpportunityPayload,
  status: PipelineStatus,
  since: z.string(),
  moves: z.array(PipelineMoveView),
  interests: z.array(PipelineInterestView),
});
export type PipelineEntryView = z.infer<typeof PipelineEntryView>;

/** The commercial pipeline as the caller may see it: the opportunities of its compartments, and what they count and are worth. */
export const PipelineView = z.object({
  entries: z.array(PipelineEntryView),
  counts: z.array(z.object({ status: PipelineStatus, count: z.number().int() })).describe('every status, in the pipeline’s order'),
  totals: z
    .array(z.object({ status: PipelineStatus, currency: z.string(), count: z.number().int(), min: z.number(), max: z.number() }))
    .describe('per currency and status, the sums of the value ranges’ ends; currencies are never added together'),
});
export type PipelineView = z.infer<typeof PipelineView>;
