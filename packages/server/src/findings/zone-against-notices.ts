import { capsExceeded, ForceCounts, type ActivityNoticePayload, type Area, type ZoneAgainstNoticesDetail, type ZonePayload } from '@fusion-cell/protocol';
import { interiorsOverlap } from '@fusion-cell/protocol/geo-validity';
import { boundsOf, inForce, parsedPlace, placesNear, standing } from '../deescalation/places.ts';
import { payloadOf } from '../documents/document-store.ts';
import type { FindingRunner } from './finding-runner.ts';

/**
 * A zone version as proposed, against the standing notices whose window has not ended (would
 * they breach it once in force?) and the other zones in force (does it overlap them?), so its
 * signers know what signing it means.
 */
export const zoneAgainstNoticesRunner: FindingRunner<'zone-against-notices'> = {
  check: 'zone-against-notices',
  async run(scope, subject) {
    const zone = subject.envelope.payload as unknown as ZonePayload;
    const near = await placesNear(scope, subject.compartment, boundsOf(zone.area), ['activity.notice', 'zone']);
    const ownDocument = (await scope.trx.selectFrom('document_versions').select('document_id').where('version_id', '=', subject.id).executeTakeFirst())?.document_id;
    const notices = await standing(scope, near.filter((feature) => feature.type === 'activity.notice' && (feature.endsAt ?? 0) > subject.receivedAt));
    const zones = (await inForce(scope, near.filter((feature) => feature.type === 'zone'))).filter((feature) => feature.document !== ownDocument);
    const detail: ZoneAgainstNoticesDetail = { notices: [], zones: [] };
    for (const notice of notices) {
      if (!interiorsOverlap(zone.area, parsedPlace(notice) as Area)) continue;
      if (zone.rule.kind === 'no-forces') {
        detail.notices.push({ notice: notice.item, party: notice.party, breach: 'intrusion' });
        continue;
      }
      const payload = (await payloadOf(scope.trx, notice.item)) as ActivityNoticePayload | undefined;
      const exceeded = payload ? capsExceeded(zone.rule.caps, ForceCounts.parse({ personnel: payload.size.personnel, equipment: payload.size.equipment })) : [];
      if (exceeded.length > 0) detail.notices.push({ notice: notice.item, party: notice.party, breach: 'over-caps', exceeded });
    }
    for (const other of zones) {
      if (interiorsOverlap(zone.area, parsedPlace(other) as Area)) detail.zones.push({ zone: other.document ?? other.item, version: other.item });
    }
    detail.notices = detail.notices.slice(0, 200);
    detail.zones = detail.zones.slice(0, 200);
    return {
      result: detail.notices.length + detail.zones.length > 0 ? 'flagged' : 'clear',
      checked: [...notices, ...zones].map((feature) => feature.item).slice(0, 1000),
      detail,
    };
  },
};
