import booleanIntersects from '@turf/boolean-intersects';
import turfBbox from '@turf/bbox';
import type { Area, Place } from '@fusion-cell/protocol';
import { areaContains, interiorsOverlap } from '@fusion-cell/protocol/geo-validity';
import type { CellContext } from '../cell/cell-context.ts';
import type { CheckScope } from '../findings/finding-runner.ts';
import type { Bounds, IndexedFeature } from './geo-index.ts';

/** The place an item names: a zone's or notice's area, an incident's place, a report's location. */
export function placeOf(payload: Record<string, unknown>): Place | undefined {
  const place = payload['area'] ?? payload['place'] ?? payload['location'];
  return place && typeof place === 'object' ? (place as Place) : undefined;
}

export function boundsOf(place: Place): Bounds {
  const [minX, minY, maxX, maxY] = turfBbox(place) as [number, number, number, number];
  return { minX, minY, maxX, maxY };
}

/**
 * The compartments an item's check may look into: those every reader of the item may read.
 * A finding sits in the item's compartment, so it may name only what all of that
 * compartment's parties see: a caucus notice is checked against the plenary's zones, never
 * against another caucus.
 */
export function readableByAllOf(context: CellContext, compartment: string): string[] {
  const readers = context.audiences.get(compartment) ?? [];
  return [...context.audiences.entries()].filter(([, audience]) => readers.every((party) => audience.includes(party))).map(([id]) => id);
}

/** Places in those compartments whose bounds meet `bounds`, of the given types. */
export async function placesNear(scope: CheckScope, compartment: string, bounds: Bounds, types: readonly string[]): Promise<IndexedFeature[]> {
  const found: IndexedFeature[] = [];
  for (const readable of readableByAllOf(scope.context, compartment)) {
    const features = await scope.index.search(scope.trx, readable, bounds, scope.committedSizes.get(readable));
    found.push(...features.filter((feature) => types.includes(feature.type)));
  }
  return found;
}

/** Of the zone versions found, those in force now. */
export async function inForce(scope: CheckScope, zones: readonly IndexedFeature[]): Promise<IndexedFeature[]> {
  const documents = [...new Set(zones.map((zone) => zone.document).filter((id): id is string => id !== null))];
  if (documents.length === 0) return [];
  const rows = await scope.trx.selectFrom('documents').select('in_force_version_id').where('id', 'in', documents).execute();
  const versions = new Set(rows.map((row) => row.in_force_version_id));
  return zones.filter((zone) => versions.has(zone.item));
}

/** Of the notices found, those that still stand (not amended, not cancelled). */
export async function standing(scope: CheckScope, notices: readonly IndexedFeature[]): Promise<IndexedFeature[]> {
  if (notices.length === 0) return [];
  const rows = await scope.trx.selectFrom('lifecycle_states').select('subject').where('subject', 'in', notices.map((notice) => notice.item)).where('state', '=', 'active').execute();
  const active = new Set(rows.map((row) => row.subject));
  return notices.filter((notice) => active.has(notice.item));
}

/** How many zones are in force where an item in `compartment` is checked. */
export async function zonesInForceCount(scope: CheckScope, compartment: string): Promise<number> {
  const row = await scope.trx
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('type', '=', 'zone')
    .where('compartment_id', 'in', readableByAllOf(scope.context, compartment))
    .where('in_force_version_id', 'is not', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export type Relation = 'within' | 'overlaps' | 'touches' | 'apart';

/**
 * How a place stands to an area: within it (border included), overlapping its interior, only
 * touching its border, or apart. Interiors are compared with robust predicates, so two areas
 * that share a border touch and do not overlap.
 */
export function relationTo(area: Area, place: Place): Relation {
  if (interiorsOverlap(area, place as Area)) return areaContains(area, place) ? 'within' : 'overlaps';
  if (place.type === 'Point' && areaContains(area, place)) return 'touches';
  return booleanIntersects(area, place) ? 'touches' : 'apart';
}

export function parsedPlace(feature: IndexedFeature): Place {
  return JSON.parse(feature.geometry) as Place;
}
