import type { ItemTypeName } from '@fusion-cell/protocol';
import { ackView, escalationView } from './acknowledgments.tsx';
import { activityCancelView, activityNoticeView, incidentReportView, violationPositionView, violationVerdictView, zoneView } from './deescalation.tsx';
import { alertView, channelResumedView, channelSuspendedView, linkCheckView } from './hotline.tsx';
import { documentSignView, findingView, glossaryTermView } from './documents.tsx';
import { messageView } from './message.tsx';
import { intelOpinionView, intelReportView, intelRfiCloseView, intelRfiReplyView, intelRfiView } from './intelligence.tsx';
import { clarificationReplyView, clarificationView, explanationReplyView, explanationRequestView, meetingConveneView } from './requests.tsx';
import { interestView, opportunityMoveView, opportunityView } from './commercial.tsx';
import { intelReleaseNoteView, intelReleaseView } from '../features/intelligence/release-types.tsx';
import { commitmentReportView, commitmentVerifyView, commitmentView, meetingCancelView, meetingConfirmView, meetingView, minutesView } from './diplomatic.tsx';
import { jointTextBracketView, jointTextDecisionView, jointTextSuggestionView, jointTextView } from './joint-text.tsx';
import { disputeCaucusView, disputeCloseView, disputeResolutionView, disputeResponseView, disputeStageProposalView, disputeStageView, disputeView } from './disputes.tsx';
import { readbackConfirmView, translationView } from './understanding.tsx';
import type { WebItemType } from './web-item-type.ts';

/**
 * How the app shows each registered item type, and the forms and actions it offers. Typed by
 * the protocol's registry, so a type added there without its module here does not compile.
 */
export const WEB_ITEM_TYPES: { readonly [Name in ItemTypeName]: WebItemType<Name> } = {
  message: messageView,
  alert: alertView,
  ack: ackView,
  clarification: clarificationView,
  'clarification.reply': clarificationReplyView,
  'explanation.request': explanationRequestView,
  'explanation.reply': explanationReplyView,
  'meeting.convene': meetingConveneView,
  'link.check': linkCheckView,
  'channel.suspended': channelSuspendedView,
  'channel.resumed': channelResumedView,
  escalation: escalationView,
  finding: findingView,
  'document.sign': documentSignView,
  'glossary.term': glossaryTermView,
  zone: zoneView,
  'activity.notice': activityNoticeView,
  'activity.cancel': activityCancelView,
  'incident.report': incidentReportView,
  'violation.position': violationPositionView,
  'violation.verdict': violationVerdictView,
  'intel.report': intelReportView,
  'intel.rfi': intelRfiView,
  'intel.rfi.reply': intelRfiReplyView,
  'intel.rfi.close': intelRfiCloseView,
  'intel.opinion': intelOpinionView,
  'intel.release': intelReleaseView,
  'intel.release.note': intelReleaseNoteView,
  opportunity: opportunityView,
  'opportunity.move': opportunityMoveView,
  interest: interestView,
  meeting: meetingView,
  'meeting.confirm': meetingConfirmView,
  'meeting.cancel': meetingCancelView,
  minutes: minutesView,
  'joint.text': jointTextView,
  'joint.text.bracket': jointTextBracketView,
  'joint.text.suggestion': jointTextSuggestionView,
  'joint.text.decision': jointTextDecisionView,
  commitment: commitmentView,
  'commitment.report': commitmentReportView,
  'commitment.verify': commitmentVerifyView,
  dispute: disputeView,
  'dispute.response': disputeResponseView,
  'dispute.stage.proposal': disputeStageProposalView,
  'dispute.stage': disputeStageView,
  'dispute.close': disputeCloseView,
  'dispute.caucus': disputeCaucusView,
  'dispute.resolution': disputeResolutionView,
  translation: translationView,
  'readback.confirm': readbackConfirmView,
};

/** Every type's module, in the registry's order: the order the app offers their forms and actions in. */
export const WEB_ITEM_TYPE_LIST: readonly WebItemType[] = Object.values(WEB_ITEM_TYPES);

export function webItemType(type: string): WebItemType | undefined {
  return Object.hasOwn(WEB_ITEM_TYPES, type) ? (WEB_ITEM_TYPES as Record<string, WebItemType>)[type] : undefined;
}
