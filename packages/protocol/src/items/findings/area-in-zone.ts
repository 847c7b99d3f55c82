import { z } from 'zod';
import { LocalizedText } from '../../common.ts';
import { defineFinding } from '../findings.ts';

/** The zones an area meets, as the `area-in-zone` check reports them. */
export const AreaInZoneDetail = z.strictObject({
  zones: z.array(
    z.strictObject({
      zone: z.string().min(1).max(64),
      name: LocalizedText.describe("the zone's name, as the cell knew it when it checked"),
      rule: z.enum(['no-forces', 'limited-forces']),
      relation: z.enum(['within', 'overlaps']).describe('within: the whole area lies in the zone; overlaps: part of it does'),
    }),
  ).max(200),
});
export type AreaInZoneDetail = z.infer<typeof AreaInZoneDetail>;

/** Where an item names an area, the cell checks it against the agreed zones. */
export const AREA_IN_ZONE = defineFinding({
  check: 'area-in-zone',
  detail: AreaInZoneDetail,
  appliesTo: (payload) => payload.area !== undefined,
});
