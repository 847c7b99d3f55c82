import { z } from 'zod';
import { Language, LocalizedText } from '../../../common.ts';
import { ZoneRule } from '../../../deescalation/forces.ts';
import { Area } from '../../../geo.ts';
import { sidesAndSupervisors } from '../../documents.ts';
import { ZONE_AGAINST_NOTICES } from '../../findings/zone-against-notices.ts';
import { defineItemType } from '../../item-type.ts';
import { OPERATIONAL } from '../audiences.ts';

/**
 * An agreed area with its rule: an area of separation (no forces) or of limitation (forces up to
 * caps). A co-signed document: a version is in force once every side and supervisor has signed
 * that exact version; a change is a new version, and the old one stays in force until then.
 */
export const ZonePayload = z.strictObject({
  name: LocalizedText,
  area: Area.describe('GeoJSON Polygon or MultiPolygon, WGS 84; either winding is accepted'),
  rule: ZoneRule,
  article: z.string().trim().min(1).max(200).optional().describe('the article of the agreement that sets it'),
  illustrative: z.boolean().optional().describe('true when the geometry is made up for demonstration, not an agreed line'),
  description: z.string().trim().min(1).max(4000).optional(),
  language: Language.describe('language of the description'),
});
export type ZonePayload = z.infer<typeof ZonePayload>;

export const zoneType = defineItemType({
  type: 'zone',
  version: 1,
  payload: ZonePayload,
  roles: OPERATIONAL,
  partyKinds: ['side', 'supervisor'],
  tracks: ['deescalation'],
  compartments: ['plenary'],
  document: { acts: ['signature'], signers: sidesAndSupervisors },
  findings: [ZONE_AGAINST_NOTICES],
  summary: ['name', 'article'],
});
