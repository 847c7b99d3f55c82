import { z } from 'zod';
import { Language, TRACKS } from '../../../common.ts';
import { Area } from '../../../geo.ts';
import { defineItemType } from '../../item-type.ts';
import { OPERATIONAL, SHARED_COMPARTMENTS } from '../audiences.ts';

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

export const alertType = defineItemType({
  type: 'alert',
  version: 1,
  payload: AlertPayload,
  roles: OPERATIONAL,
  tracks: TRACKS,
  compartments: SHARED_COMPARTMENTS,
  obligation: { ruleKey: 'alert' },
  summary: ['title', 'description'],
});
