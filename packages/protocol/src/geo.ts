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

export const Polygon = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(LinearRing).min(1),
});
export const MultiPolygon = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(LinearRing).min(1)).min(1),
});
export const Area = z.discriminatedUnion('type', [Polygon, MultiPolygon]);
export type Area = z.infer<typeof Area>;
