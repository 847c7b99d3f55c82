import { z } from 'zod';

/** [longitude, latitude] in WGS 84 degrees, as RFC 7946 orders them. */
export const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** A closed linear ring of at least four positions whose first and last positions are equal. */
export const LinearRing = z
  .array(Position)
  .min(4, 'a ring needs at least four positions')
  .refine((ring) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  }, 'a ring must end where it starts');

/**
 * The most positions one area may hold, all rings together. Agreed lines are drawn by hand or
 * simplified; far more than this is a mistake or an attempt to make every check slow. A signed
 * payload holds at most 64 KiB, about 2,900 positions at six decimals, so the limit is this one.
 */
export const MAX_AREA_VERTICES = 2_000;

/** How many positions an area's rings hold, read from the array lengths alone. */
export function countAreaPositions(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (!Array.isArray(coordinates)) return 0;
  const polygons: unknown[] = type === 'MultiPolygon' ? coordinates : [coordinates];
  let count = 0;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) continue;
    for (const ring of polygon) if (Array.isArray(ring)) count += ring.length;
  }
  return count;
}

const tooManyPositions = {
  message: `an area may hold at most ${MAX_AREA_VERTICES} positions, all rings together: simplify it`,
};

export const Point = z.strictObject({
  type: z.literal('Point'),
  coordinates: Position,
});
export type Point = z.infer<typeof Point>;
export const Polygon = z
  .strictObject({
    type: z.literal('Polygon'),
    coordinates: z.array(LinearRing).min(1),
  })
  .refine((polygon) => countAreaPositions(polygon) <= MAX_AREA_VERTICES, tooManyPositions);
export type Polygon = z.infer<typeof Polygon>;
export const MultiPolygon = z
  .strictObject({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(LinearRing).min(1)).min(1),
  })
  .refine((multiPolygon) => countAreaPositions(multiPolygon) <= MAX_AREA_VERTICES, tooManyPositions);
export type MultiPolygon = z.infer<typeof MultiPolygon>;
export const Area = z.discriminatedUnion('type', [Polygon, MultiPolygon]);
export type Area = z.infer<typeof Area>;

/** Where something happened: a point, or an area. */
export const Place = z.discriminatedUnion('type', [Point, Polygon, MultiPolygon]);
export type Place = z.infer<typeof Place>;
