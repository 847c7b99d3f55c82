import turfBbox from '@turf/bbox';
import { formatFieldPath, type Place } from '@fusion-cell/protocol';
import { checkArea } from '@fusion-cell/protocol/geo-validity';
import { DomainError } from '../../errors.ts';
import { placeOf } from '../../deescalation/places.ts';
import type { AppliedEntry } from '../../record/applied-entry.ts';
import type { Executor } from '../server-item-type.ts';

/**
 * Refuses a place that is not a valid simple feature (a bowtie, a hole outside its shell, parts
 * that overlap, too many vertices…), naming the defect and where it is. Winding is not a defect:
 * either orientation is read as the area it encloses.
 */
export function checkPlace(payload: Record<string, unknown>, field: 'area' | 'place'): void {
  const verdict = checkArea(payload[field], { allowPoint: field === 'place' });
  if (verdict.valid) return;
  const path = formatFieldPath(['envelope', 'payload', field, ...verdict.defect.path]);
  throw new DomainError('validation_failed', `${field}: ${verdict.defect.message}`, path);
}

/**
 * Records the place an item names, normalised, with its bounds and time window, for the
 * automatic checks' index and the map.
 */
export async function derivePlace(trx: Executor, entry: AppliedEntry, party: string, time: { startsAt?: number; endsAt?: number; document?: string }): Promise<void> {
  const place = placeOf(entry.signed.envelope.payload);
  if (!place) return;
  const verdict = checkArea(place, { allowPoint: true });
  const normalised: Place = verdict.valid ? verdict.area : place;
  const [minLon, minLat, maxLon, maxLat] = turfBbox(normalised) as [number, number, number, number];
  await trx
    .insertInto('geo_features')
    .values({
      item_id: entry.itemId,
      compartment_id: entry.compartmentId,
      idx: entry.index,
      type: entry.signed.envelope.type,
      party_id: party,
      document_id: time.document ?? null,
      min_lon: minLon,
      min_lat: minLat,
      max_lon: maxLon,
      max_lat: maxLat,
      starts_at: time.startsAt ?? null,
      ends_at: time.endsAt ?? null,
      geometry: JSON.stringify(normalised),
    })
    .onConflict((conflict) => conflict.column('item_id').doNothing())
    .execute();
}

/**
 * An item that stands in for another (an amended notice) or ends it (a cancelled one) releases
 * the other parties from answering the one it replaces: their acknowledgment is owed to the new
 * version, or to nothing.
 */
export async function releaseObligations(trx: Executor, replaced: string, entry: AppliedEntry): Promise<void> {
  await trx.updateTable('obligations').set({ met_at: entry.receivedAt, met_by: entry.itemId }).where('item_id', '=', replaced).where('met_at', 'is', null).execute();
}
