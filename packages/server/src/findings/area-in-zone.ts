import booleanIntersects from '@turf/boolean-intersects';
import booleanWithin from '@turf/boolean-within';
import { Area, ScenarioZone, type AreaInZoneDetail } from '@fusion-cell/protocol';
import { z } from 'zod';
import type { FindingRunner } from './finding-runner.ts';

const Zones = z.array(ScenarioZone);

/**
 * The area an item names, against the cell's zones: each zone it lies within or overlaps, with
 * the zone's rule. Two areas that only share a border touch; Turf counts touching as
 * intersecting, so a zone met only along its edge is reported as overlapping. The result is
 * flagged whenever the area meets a zone: activity there is what the zones' rules govern.
 */
export const areaInZoneRunner: FindingRunner<'area-in-zone'> = {
  check: 'area-in-zone',
  async run(services, subject) {
    const area = Area.parse(subject.envelope.payload['area']);
    const cell = await services.db.selectFrom('cells').select('zones').executeTakeFirstOrThrow();
    const zones = Zones.parse(JSON.parse(cell.zones));
    const met: AreaInZoneDetail['zones'] = [];
    for (const zone of zones) {
      if (!booleanIntersects(area, zone.area)) continue;
      met.push({ zone: zone.id, name: zone.name, rule: zone.rule.kind, relation: isWithin(area, zone.area) ? 'within' : 'overlaps' });
    }
    return { result: met.length > 0 ? 'flagged' : 'clear', checked: zones.map((zone) => zone.id), detail: { zones: met } };
  },
};

/** Turf's within takes single polygons; an area of several parts is within when each part is. */
function isWithin(area: Area, zone: Area): boolean {
  const parts = area.type === 'Polygon' ? [area] : area.coordinates.map((coordinates) => ({ type: 'Polygon' as const, coordinates }));
  const zoneParts = zone.type === 'Polygon' ? [zone] : zone.coordinates.map((coordinates) => ({ type: 'Polygon' as const, coordinates }));
  return parts.every((part) => zoneParts.some((zonePart) => booleanWithin(part, zonePart)));
}
