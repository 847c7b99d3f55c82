import { z } from 'zod';
import { LocalizedText } from '../../common.ts';
import { EquipmentCategory } from '../../deescalation/forces.ts';
import { defineFinding } from '../findings.ts';

export const CapExceededDetail = z.strictObject({
  what: z.union([z.literal('personnel'), EquipmentCategory]),
  aboveCalibreMm: z.number().int().positive().optional(),
  count: z.number().int().nonnegative(),
  cap: z.number().int().nonnegative(),
});

/** The zones in force an area meets, as the `area-in-zone` check reports them. */
export const AreaInZoneDetail = z.strictObject({
  zones: z.array(
    z.strictObject({
      zone: z.string().min(1).max(64).describe("the zone: its document's id (its first version's)"),
      version: z.string().min(1).max(64).optional().describe('the version in force that was checked'),
      name: LocalizedText.describe("the zone's name, as the cell knew it when it checked"),
      rule: z.enum(['no-forces', 'limited-forces']),
      relation: z.enum(['within', 'overlaps', 'touches']).describe('within: the whole area lies in the zone; overlaps: part of it does; touches: they share only a border'),
      breach: z.enum(['intrusion', 'over-caps']).optional().describe('intrusion: activity inside a no-forces zone; over-caps: counts above a limited-forces zone\'s caps'),
      exceeded: z.array(CapExceededDetail).max(21).optional(),
    }),
  ).max(200),
  zonesInForce: z.number().int().nonnegative().optional().describe('how many zones were in force where the item could be checked'),
});
export type AreaInZoneDetail = z.infer<typeof AreaInZoneDetail>;

/**
 * Where an item names an area or a place, the cell checks it against the zones in force that
 * every reader of the item may see: flagged when it intrudes into a no-forces zone or its
 * counts go over a limited-forces zone's caps.
 */
export const AREA_IN_ZONE = defineFinding({
  check: 'area-in-zone',
  detail: AreaInZoneDetail,
  appliesTo: (payload) => payload.area !== undefined || payload.place !== undefined,
});
