import type { ActivityNoticePayload, Area, NoticeOverlapDetail } from '@fusion-cell/protocol';
import { interiorsOverlap } from '@fusion-cell/protocol/geo-validity';
import { toIso } from '../clock.ts';
import { boundsOf, parsedPlace, placesNear, standing } from '../deescalation/places.ts';
import { payloadOf } from '../documents/document-store.ts';
import type { FindingRunner } from './finding-runner.ts';

/**
 * A notice against the other parties' standing notices its readers may all see: flagged when
 * one's area shares interior with it and their windows overlap.
 */
export const noticeOverlapRunner: FindingRunner<'notice-overlap'> = {
  check: 'notice-overlap',
  async run(scope, subject) {
    const payload = subject.envelope.payload as unknown as ActivityNoticePayload;
    const from = Date.parse(payload.window.from);
    const to = Date.parse(payload.window.to);
    const near = await placesNear(scope, subject.compartment, boundsOf(payload.area), ['activity.notice']);
    const candidates = await standing(
      scope,
      near.filter((notice) => notice.item !== subject.id && notice.party !== subject.authorParty && (notice.startsAt ?? 0) < to && (notice.endsAt ?? 0) > from),
    );
    const notices: NoticeOverlapDetail['notices'] = [];
    for (const candidate of candidates) {
      if (!interiorsOverlap(parsedPlace(candidate) as Area, payload.area)) continue;
      const other = await payloadOf(scope.trx, candidate.item);
      notices.push({
        notice: candidate.item,
        party: candidate.party,
        kind: typeof other?.['kind'] === 'string' ? other['kind'] : 'other',
        from: toIso(Math.max(from, candidate.startsAt ?? from)),
        to: toIso(Math.min(to, candidate.endsAt ?? to)),
      });
    }
    return { result: notices.length > 0 ? 'flagged' : 'clear', checked: candidates.map((candidate) => candidate.item).slice(0, 1000), detail: { notices: notices.slice(0, 200) } };
  },
};
