import { capsExceeded, ForceCounts, type AreaInZoneDetail, type ZonePayload } from '@fusion-cell/protocol';
import { boundsOf, inForce, parsedPlace, placeOf, placesNear, relationTo, zonesInForceCount } from '../deescalation/places.ts';
import { payloadOf } from '../documents/document-store.ts';
import type { FindingRunner } from './finding-runner.ts';

/**
 * The place an item names, against the zones in force its readers may all see: each zone it
 * lies within, overlaps or touches, with the zone's rule and whether the item breaches it (an
 * intrusion into a no-forces zone; counts over a limited-forces zone's caps). Flagged when it
 * breaches one; a zone only touched along its border is reported, not breached.
 */
export const areaInZoneRunner: FindingRunner<'area-in-zone'> = {
  check: 'area-in-zone',
  async run(scope, subject) {
    const place = placeOf(subject.envelope.payload);
    if (!place) return { result: 'clear', checked: [], detail: { zones: [] } };
    const size = subject.envelope.payload['size'];
    const counts = size === undefined ? undefined : ForceCounts.parse({ personnel: (size as ForceCounts).personnel, equipment: (size as ForceCounts).equipment ?? [] });
    const candidates = await inForce(scope, await placesNear(scope, subject.compartment, boundsOf(place), ['zone']));
    const zones: AreaInZoneDetail['zones'] = [];
    for (const candidate of candidates) {
      const relation = relationTo(parsedPlace(candidate) as ZonePayload['area'], place);
      if (relation === 'apart') continue;
      const zone = (await payloadOf(scope.trx, candidate.item)) as ZonePayload | undefined;
      if (!zone) continue;
      const inside = relation === 'within' || relation === 'overlaps';
      const exceeded = inside && zone.rule.kind === 'limited-forces' && counts ? capsExceeded(zone.rule.caps, counts) : [];
      const breach = inside && zone.rule.kind === 'no-forces' ? 'intrusion' : exceeded.length > 0 ? 'over-caps' : undefined;
      zones.push({
        zone: candidate.document ?? candidate.item,
        version: candidate.item,
        name: zone.name,
        rule: zone.rule.kind,
        relation,
        ...(breach ? { breach } : {}),
        ...(exceeded.length > 0 ? { exceeded } : {}),
      });
    }
    return {
      result: zones.some((zone) => zone.breach !== undefined) ? 'flagged' : 'clear',
      checked: candidates.map((candidate) => candidate.item).slice(0, 1000),
      detail: { zones: zones.slice(0, 200), zonesInForce: await zonesInForceCount(scope, subject.compartment) },
    };
  },
};
