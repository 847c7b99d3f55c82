import { z } from 'zod';
import { REGISTER_STATUSES } from '../deescalation/register.ts';

const RegisterStatus = z.enum(REGISTER_STATUSES);

export const RegisterQuery = z.strictObject({
  format: z.enum(['json', 'csv']).default('json'),
  party: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a party id').optional().describe('only entries alleging this party responsible'),
  status: RegisterStatus.optional().describe('only entries of this overall status'),
  from: z.iso.datetime({ offset: true }).optional().describe('only incidents that occurred at or after this time'),
  to: z.iso.datetime({ offset: true }).optional().describe('only incidents that occurred before this time'),
});
export type RegisterQuery = z.infer<typeof RegisterQuery>;

const PartyStatusView = z.object({ status: RegisterStatus, at: z.string(), item: z.string(), text: z.string().optional() });

export const RegisterEntryView = z.object({
  incident: z.string(),
  compartment: z.string(),
  reportedBy: z.string(),
  reportedAt: z.string(),
  occurredAt: z.string(),
  what: z.string(),
  language: z.string(),
  article: z.string().optional(),
  allegedParty: z.string().optional(),
  parties: z.record(z.string(), PartyStatusView),
  status: RegisterStatus,
});
export type RegisterEntryView = z.infer<typeof RegisterEntryView>;

/** The violation register as the caller may see it: entries in its compartments, and their counts. */
export const RegisterView = z.object({
  entries: z.array(RegisterEntryView),
  counts: z.array(z.object({ period: z.string(), party: z.string(), status: RegisterStatus, count: z.number().int() })),
  parties: z.array(z.string()).describe('the parties whose statuses the entries hold, in the cell’s order'),
});
export type RegisterView = z.infer<typeof RegisterView>;
