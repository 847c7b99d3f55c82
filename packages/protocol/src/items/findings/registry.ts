import { AREA_IN_ZONE } from './area-in-zone.ts';
import { NOTICE_LEAD_TIME } from './notice-lead-time.ts';
import { NOTICE_OVERLAP } from './notice-overlap.ts';
import { ZONE_AGAINST_NOTICES } from './zone-against-notices.ts';

/**
 * Every automatic check the cell runs, one module each; item types name the ones they run.
 * A finding's payload is checked against its check's declared detail.
 */
export const FINDING_CHECKS = [AREA_IN_ZONE, NOTICE_OVERLAP, NOTICE_LEAD_TIME, ZONE_AGAINST_NOTICES] as const;

export type FindingCheckKey = (typeof FINDING_CHECKS)[number]['check'];
