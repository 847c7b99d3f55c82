import { z } from 'zod';
import { Language, TRACKS } from '../../../common.ts';
import { Area } from '../../../geo.ts';
import { defineItemType } from '../../item-type.ts';
import { OPERATIONAL, SHARED_COMPARTMENTS } from '../audiences.ts';

export const ALERT_SEVERITIES = ['flash', 'immediate', 'priority'] as const;

/** The hotline: the most urgent item there is; acknowledgment is due as its severity's rule says. */
export const AlertPayload = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).default(''),
  severity: z.enum(ALERT_SEVERITIES),
  area: Area.optional(),
  language: Language,
});
export type AlertPayload = z.infer<typeof AlertPayload>;

export const alertType = defineItemType({
  type: 'alert',
  version: 1,
  payload: AlertPayload,
  roles: OPERATIONAL,
  tracks: TRACKS,
  compartments: SHARED_COMPARTMENTS,
  // The rule of its severity (alert.flash…), or the rule for every alert when a cell sets only that.
  obligation: { ruleKey: 'alert', variants: { keys: ALERT_SEVERITIES.map((severity) => `alert.${severity}`), of: (payload) => `alert.${String(payload.severity)}` } },
  summary: ['title', 'description'],
});
