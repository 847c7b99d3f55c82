import type { FindingCheckKey } from '@fusion-cell/protocol';
import { areaInZoneRunner } from './area-in-zone.ts';
import type { FindingRunner } from './finding-runner.ts';
import { noticeLeadTimeRunner } from './notice-lead-time.ts';
import { noticeOverlapRunner } from './notice-overlap.ts';
import { zoneAgainstNoticesRunner } from './zone-against-notices.ts';

/**
 * The server's runner for each automatic check the protocol declares. Typed by the protocol's
 * list, so a check declared there without its runner here does not compile.
 */
export const FINDING_RUNNERS: { readonly [Check in FindingCheckKey]: FindingRunner<Check> } = {
  'area-in-zone': areaInZoneRunner,
  'notice-overlap': noticeOverlapRunner,
  'notice-lead-time': noticeLeadTimeRunner,
  'zone-against-notices': zoneAgainstNoticesRunner,
};

export function findingRunner(check: string): FindingRunner | undefined {
  return Object.hasOwn(FINDING_RUNNERS, check) ? (FINDING_RUNNERS as Record<string, FindingRunner>)[check] : undefined;
}
