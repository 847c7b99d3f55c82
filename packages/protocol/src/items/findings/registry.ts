import { AREA_IN_ZONE } from './area-in-zone.ts';

/**
 * Every automatic check the cell runs, one module each; item types name the ones they run.
 * A finding's payload is checked against its check's declared detail.
 */
export const FINDING_CHECKS = [AREA_IN_ZONE] as const;

export type FindingCheckKey = (typeof FINDING_CHECKS)[number]['check'];
