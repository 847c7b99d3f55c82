import { durationToMilliseconds, type ActivityNoticePayload } from '@fusion-cell/protocol';
import type { FindingRunner } from './finding-runner.ts';

/**
 * How much notice was given: from the cell's receipt of this version to the start of its
 * window, against the cell's minimum lead time. A late notice is accepted and flagged, by how much.
 */
export const noticeLeadTimeRunner: FindingRunner<'notice-lead-time'> = {
  check: 'notice-lead-time',
  run(scope, subject) {
    const payload = subject.envelope.payload as unknown as ActivityNoticePayload;
    const requiredMs = durationToMilliseconds(scope.context.rules.noticeLeadTime);
    const givenMs = Date.parse(payload.window.from) - subject.receivedAt;
    const lateByMs = Math.max(0, requiredMs - givenMs);
    return Promise.resolve({ result: lateByMs > 0 ? 'flagged' : 'clear', checked: [], detail: { requiredMs, givenMs, lateByMs } });
  },
};
