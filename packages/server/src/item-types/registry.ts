import type { ItemTypeName } from '@fusion-cell/protocol';
import { ackModule } from './general/acknowledgment.ts';
import { documentSignModule } from './documents/document-sign.ts';
import { escalationModule } from './cell/escalation.ts';
import { findingModule } from './cell/finding.ts';
import { meetingConveneModule } from './deescalation/meeting-convene.ts';
import { zoneModule } from './deescalation/zone.ts';
import { activityCancelModule, activityNoticeModule } from './deescalation/activity-notice.ts';
import { incidentReportModule, violationPositionModule, violationVerdictModule } from './deescalation/incident.ts';
import { replyModule } from './general/replies.ts';
import { intelOpinionModule, intelReportModule, intelRfiCloseModule, intelRfiModule, intelRfiReplyModule } from './intelligence/index.ts';
import { opportunityModule, opportunityMoveModule } from './commercial/opportunity.ts';
import { intelReleaseModule, intelReleaseNoteModule } from './intelligence/release.ts';
import {
  commitmentModule,
  commitmentReportModule,
  commitmentVerifyModule,
  jointTextBracketModule,
  jointTextDecisionModule,
  jointTextModule,
  jointTextSuggestionModule,
  meetingCancelModule,
  meetingConfirmModule,
  meetingModule,
  minutesModule,
} from './diplomatic/index.ts';
import {
  disputeCaucusModule,
  disputeCloseModule,
  disputeModule,
  disputeResolutionModule,
  disputeResponseModule,
  disputeStageModule,
  disputeStageProposalModule,
} from './disputes/index.ts';
import { translationModule } from './general/translation.ts';
import { readbackConfirmModule } from './general/readback.ts';
import { glossaryTermModule } from './documents/glossary-term.ts';
import type { ServerItemType } from './server-item-type.ts';

/** Types whose declaration says all there is: the core's checks and obligations are theirs. */
const declared = <Name extends ItemTypeName>(type: Name): ServerItemType<Name> => ({ type });

/**
 * What the server does for each registered item type. Typed by the protocol's registry, so a
 * type added there without its module here does not compile.
 */
export const SERVER_ITEM_TYPES: { readonly [Name in ItemTypeName]: ServerItemType<Name> } = {
  message: declared('message'),
  alert: declared('alert'),
  ack: ackModule,
  clarification: declared('clarification'),
  'clarification.reply': replyModule('clarification.reply'),
  'explanation.request': declared('explanation.request'),
  'explanation.reply': replyModule('explanation.reply'),
  'meeting.convene': meetingConveneModule,
  'link.check': declared('link.check'),
  'channel.suspended': declared('channel.suspended'),
  'channel.resumed': declared('channel.resumed'),
  escalation: escalationModule,
  finding: findingModule,
  'document.sign': documentSignModule,
  'glossary.term': glossaryTermModule,
  zone: zoneModule,
  'activity.notice': activityNoticeModule,
  'activity.cancel': activityCancelModule,
  'incident.report': incidentReportModule,
  'violation.position': violationPositionModule,
  'violation.verdict': violationVerdictModule,
  'intel.report': intelReportModule,
  'intel.rfi': intelRfiModule,
  'intel.rfi.reply': intelRfiReplyModule,
  'intel.rfi.close': intelRfiCloseModule,
  'intel.opinion': intelOpinionModule,
  'intel.release': intelReleaseModule,
  'intel.release.note': intelReleaseNoteModule,
  opportunity: opportunityModule,
  'opportunity.move': opportunityMoveModule,
  interest: declared('interest'),
  meeting: meetingModule,
  'meeting.confirm': meetingConfirmModule,
  'meeting.cancel': meetingCancelModule,
  minutes: minutesModule,
  'joint.text': jointTextModule,
  'joint.text.bracket': jointTextBracketModule,
  'joint.text.suggestion': jointTextSuggestionModule,
  'joint.text.decision': jointTextDecisionModule,
  commitment: commitmentModule,
  'commitment.report': commitmentReportModule,
  'commitment.verify': commitmentVerifyModule,
  dispute: disputeModule,
  'dispute.response': disputeResponseModule,
  'dispute.stage.proposal': disputeStageProposalModule,
  'dispute.stage': disputeStageModule,
  'dispute.close': disputeCloseModule,
  'dispute.caucus': disputeCaucusModule,
  'dispute.resolution': disputeResolutionModule,
  translation: translationModule,
  'readback.confirm': readbackConfirmModule,
};

export function serverItemType(type: string): ServerItemType | undefined {
  return Object.hasOwn(SERVER_ITEM_TYPES, type) ? (SERVER_ITEM_TYPES as Record<string, ServerItemType>)[type] : undefined;
}
