import { z } from 'zod';

/**
 * Categories of equipment a zone's caps and a notice's counts name, so the two compare without
 * reading free text. Artillery and air defence may be capped above a calibre only (the 1974
 * agreement's "guns above 122 mm"), so counts may say their calibre.
 */
export const EQUIPMENT_CATEGORIES = ['tanks', 'armoured-vehicles', 'artillery', 'air-defence', 'aircraft', 'naval-vessels'] as const;
export const EquipmentCategory = z.enum(EQUIPMENT_CATEGORIES);
export type EquipmentCategory = z.infer<typeof EquipmentCategory>;

const Count = z.number().int().nonnegative().max(10_000_000);
const Calibre = z.number().int().positive().max(2000).describe('millimetres');

export const EquipmentCap = z.strictObject({
  category: EquipmentCategory,
  max: Count.describe('most pieces allowed in the zone'),
  aboveCalibreMm: Calibre.optional().describe('the cap counts only pieces above this calibre'),
});
export type EquipmentCap = z.infer<typeof EquipmentCap>;

export const ForceCaps = z.strictObject({
  personnel: Count.optional(),
  equipment: z.array(EquipmentCap).max(20).default([]),
});
export type ForceCaps = z.infer<typeof ForceCaps>;

/** A zone's rule: no military forces at all, or forces up to caps. */
export const ZoneRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('no-forces') }),
  z.strictObject({ kind: z.literal('limited-forces'), caps: ForceCaps }),
]);
export type ZoneRule = z.infer<typeof ZoneRule>;
export type ZoneRuleKind = ZoneRule['kind'];

export const EquipmentCount = z.strictObject({
  category: EquipmentCategory,
  count: Count,
  calibreMm: Calibre.optional(),
});

/** What a notice or incident says is (or will be) there. */
export const ForceCounts = z.strictObject({
  personnel: Count.optional(),
  equipment: z.array(EquipmentCount).max(20).default([]),
});
export type ForceCounts = z.infer<typeof ForceCounts>;

/** One cap a count goes over: what, how many, how many allowed. */
export interface CapExceeded {
  what: 'personnel' | EquipmentCategory;
  aboveCalibreMm?: number;
  count: number;
  cap: number;
}

/**
 * The caps a count goes over. A piece whose calibre is not given counts against a calibre cap:
 * the notice did not say it was below, so the cell does not assume it.
 */
export function capsExceeded(caps: ForceCaps, counts: ForceCounts): CapExceeded[] {
  const exceeded: CapExceeded[] = [];
  if (caps.personnel !== undefined && (counts.personnel ?? 0) > caps.personnel) {
    exceeded.push({ what: 'personnel', count: counts.personnel ?? 0, cap: caps.personnel });
  }
  for (const cap of caps.equipment) {
    const count = counts.equipment
      .filter((piece) => piece.category === cap.category && (cap.aboveCalibreMm === undefined || piece.calibreMm === undefined || piece.calibreMm > cap.aboveCalibreMm))
      .reduce((sum, piece) => sum + piece.count, 0);
    if (count > cap.max) exceeded.push({ what: cap.category, ...(cap.aboveCalibreMm !== undefined ? { aboveCalibreMm: cap.aboveCalibreMm } : {}), count, cap: cap.max });
  }
  return exceeded;
}
