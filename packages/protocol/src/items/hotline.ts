import { z } from 'zod';
import { Language } from '../common.ts';
import { Area } from '../geo.ts';

export const ALERT_SEVERITIES = ['flash', 'immediate', 'priority'] as const;

/** The hotline: the most urgent item there is; acknowledgment is due within minutes. */
export const AlertPayload = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).default(''),
  severity: z.enum(ALERT_SEVERITIES),
  area: Area.optional(),
  language: Language,
});
export type AlertPayload = z.infer<typeof AlertPayload>;

/** A communication check: every party in the compartment answers with a `received` ack. */
export const LinkCheckPayload = z.strictObject({
  /** Set on the checks the cell schedules itself, counting from 1. */
  sequence: z.number().int().positive().optional(),
  note: z.string().trim().max(500).optional(),
});
export type LinkCheckPayload = z.infer<typeof LinkCheckPayload>;

/** The channel's recorded state changes; while suspended, scheduled link checks pause. */
export const ChannelStatePayload = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
  language: Language,
});
export type ChannelStatePayload = z.infer<typeof ChannelStatePayload>;
