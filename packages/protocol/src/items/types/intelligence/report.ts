import { z } from 'zod';
import { Language, Timestamp } from '../../../common.ts';
import { Evidence } from '../../../attachments.ts';
import { Place } from '../../../geo.ts';
import { Credibility, Reliability } from '../../../intelligence/admiralty.ts';
import { Tlp } from '../../../intelligence/tlp.ts';
import { defineItemType } from '../../item-type.ts';
import type { Role } from '../../../common.ts';

/** Who files and answers intelligence: the analysts, with the head of delegation and the duty officers. */
export const INTELLIGENCE_ROLES: readonly Role[] = ['analyst', 'head', 'duty'];

/**
 * Marks a payload member whose contents the type keeps as given and checks by other means: its
 * schema refuses what is not an array of objects, and nothing inside them.
 */
export const OPAQUE_MEMBER = 'x-opaque';

/** Most STIX objects a report keeps from an imported bundle. */
export const MAX_REPORT_STIX_OBJECTS = 1_000;

/**
 * An intelligence report: its marking (TLP 2.0, required), the Admiralty grades of its source and
 * of the information, when the information holds, where (optional), its evidence by hash and its
 * handling caveats. The body in `language` is the authoritative text.
 */
export const IntelReportPayload = z.strictObject({
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().min(1).max(2000),
  body: z.string().trim().min(1).max(40_000).describe('the authoritative text, in `language`'),
  language: Language,
  tlp: Tlp,
  reliability: Reliability,
  credibility: Credibility,
  informationTime: Timestamp.describe('when the information holds'),
  location: Place.optional().describe('GeoJSON Point, Polygon or MultiPolygon, WGS 84'),
  evidence: z.array(Evidence).max(20).optional(),
  caveats: z.array(z.string().trim().min(1).max(200)).max(20).optional().describe('handling caveats, each a short phrase'),
  // Kept as the bundle gave them: what is inside is the STIX module's to check, not this schema's.
  stix: z
    .array(z.record(z.string(), z.unknown()))
    .max(MAX_REPORT_STIX_OBJECTS)
    .optional()
    .meta({ description: 'STIX 2.1 objects kept from an imported bundle; checked further by the STIX module', [OPAQUE_MEMBER]: true }),
});
export type IntelReportPayload = z.infer<typeof IntelReportPayload>;

export const intelReportType = defineItemType({
  type: 'intel.report',
  version: 1,
  payload: IntelReportPayload,
  roles: INTELLIGENCE_ROLES,
  tracks: ['intelligence'],
  // The other parties in its compartment say they understood it.
  obligation: { ruleKey: 'intel.report' },
  summary: ['title', 'summary'],
});
