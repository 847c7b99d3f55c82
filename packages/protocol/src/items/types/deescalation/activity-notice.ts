import { z } from 'zod';
import { ItemIdText, Language, Timestamp, TRACKS } from '../../../common.ts';
import { ForceCounts } from '../../../deescalation/forces.ts';
import { Area } from '../../../geo.ts';
import { AREA_IN_ZONE } from '../../findings/area-in-zone.ts';
import { NOTICE_LEAD_TIME } from '../../findings/notice-lead-time.ts';
import { NOTICE_OVERLAP } from '../../findings/notice-overlap.ts';
import { defineItemType } from '../../item-type.ts';
import type { Lifecycle } from '../../lifecycle.ts';
import { OPERATIONAL, SHARED_COMPARTMENTS } from '../audiences.ts';

export const NOTICE_KINDS = ['exercise', 'movement', 'air-activity', 'naval-activity', 'engineering-work', 'other'] as const;
export const SIZE_CATEGORIES = ['small', 'medium', 'large', 'major'] as const;
/**
 * What the author asks by notifying: nothing, that no one objects, or consent. An
 * acknowledgment never silently becomes a permission: only `accepted` consents.
 */
export const NOTICE_SEMANTICS = ['information-only', 'no-objection-expected', 'consent-requested'] as const;
export type NoticeSemantics = (typeof NOTICE_SEMANTICS)[number];

export const ActivityWindow = z
  .strictObject({ from: Timestamp, to: Timestamp })
  .refine((window) => Date.parse(window.to) > Date.parse(window.from), { path: ['to'], message: 'the window must end after it starts' });

export const ActivityNoticePayload = z.strictObject({
  kind: z.enum(NOTICE_KINDS),
  description: z.string().trim().min(1).max(4000),
  language: Language,
  area: Area.describe('GeoJSON Polygon or MultiPolygon, WGS 84'),
  window: ActivityWindow,
  size: ForceCounts.extend({ category: z.enum(SIZE_CATEGORIES) }),
  semantics: z.enum(NOTICE_SEMANTICS),
  amends: ItemIdText.optional().describe('the notice this version replaces; the same as the first reference'),
});
export type ActivityNoticePayload = z.infer<typeof ActivityNoticePayload>;

export const ActivityCancelPayload = z.strictObject({
  reason: z.string().trim().min(1).max(2000).optional(),
  language: Language.optional(),
});

/**
 * A notice stands until its author's party amends it (a new notice naming it, which stands in its
 * place) or cancels it. No other party may do either.
 */
export const NOTICE_LIFECYCLE: Lifecycle = {
  name: 'notice',
  subject: { kind: 'item', of: ['activity.notice'] },
  states: ['active', 'amended', 'cancelled'],
  initial: 'active',
  transitions: [
    { by: 'activity.notice', from: ['active'], to: 'amended', party: 'subject-author' },
    { by: 'activity.cancel', from: ['active'], to: 'cancelled', party: 'subject-author' },
  ],
};

/** Whether a notice's required acknowledgment level is consent rather than understanding. */
export function asksConsent(payload: Record<string, unknown>): boolean {
  return payload.semantics === 'consent-requested';
}

export const activityNoticeType = defineItemType({
  type: 'activity.notice',
  version: 1,
  payload: ActivityNoticePayload,
  roles: OPERATIONAL,
  partyKinds: ['side'],
  tracks: ['deescalation'],
  compartments: SHARED_COMPARTMENTS,
  obligation: {
    ruleKey: 'activity.notice',
    variants: { keys: ['activity.notice', 'activity.notice.consent'], of: (payload) => (asksConsent(payload) ? 'activity.notice.consent' : 'activity.notice') },
  },
  findings: [AREA_IN_ZONE, NOTICE_OVERLAP, NOTICE_LEAD_TIME],
  lifecycle: NOTICE_LIFECYCLE,
  summary: ['description', 'kind'],
});

export const activityCancelType = defineItemType({
  type: 'activity.cancel',
  version: 1,
  payload: ActivityCancelPayload,
  roles: OPERATIONAL,
  partyKinds: ['side'],
  tracks: TRACKS,
  compartments: SHARED_COMPARTMENTS,
  attached: true,
  lifecycle: NOTICE_LIFECYCLE,
  summary: ['reason'],
});
