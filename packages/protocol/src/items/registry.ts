import type { DocumentDeclaration } from './documents.ts';
import type { ItemType } from './item-type.ts';
import { ackType } from './types/general/ack.ts';
import { clarificationReplyType, clarificationType } from './types/general/clarification.ts';
import { messageType } from './types/general/message.ts';
import { alertType } from './types/hotline/alert.ts';
import { channelResumedType, channelSuspendedType } from './types/hotline/channel.ts';
import { linkCheckType } from './types/hotline/link-check.ts';
import { explanationReplyType, explanationRequestType, meetingConveneType } from './types/deescalation/explanation.ts';
import { escalationType } from './types/cell/escalation.ts';
import { findingType } from './types/cell/finding.ts';
import { documentSignType } from './types/documents/document-sign.ts';
import { glossaryTermType } from './types/documents/glossary-term.ts';
import { zoneType } from './types/deescalation/zone.ts';
import { activityCancelType, activityNoticeType } from './types/deescalation/activity-notice.ts';
import { incidentReportType, violationPositionType, violationVerdictType } from './types/deescalation/incident.ts';
import { intelReportType } from './types/intelligence/report.ts';
import { intelRfiCloseType, intelRfiReplyType, intelRfiType } from './types/intelligence/rfi.ts';
import { intelOpinionType } from './types/intelligence/opinion.ts';
import { intelReleaseNoteType, intelReleaseType } from './types/intelligence/release.ts';
import { opportunityMoveType, opportunityType } from './types/commercial/opportunity.ts';
import { interestType } from './types/commercial/interest.ts';
import { meetingCancelType, meetingConfirmType, meetingType } from './types/diplomatic/meeting.ts';
import { minutesType } from './types/diplomatic/minutes.ts';
import { jointTextBracketType, jointTextDecisionType, jointTextSuggestionType, jointTextType } from './types/diplomatic/joint-text.ts';
import { commitmentReportType, commitmentType, commitmentVerifyType } from './types/diplomatic/commitment.ts';
import { disputeCaucusType, disputeCloseType, disputeResponseType, disputeStageProposalType, disputeStageType, disputeType } from './types/disputes/dispute.ts';
import { disputeResolutionType } from './types/disputes/resolution.ts';
import { translationType } from './types/general/translation.ts';
import { readbackConfirmType } from './types/general/readback.ts';

/**
 * Every item type the cell accepts, one module each. Adding a type is adding its module here;
 * types not listed are refused.
 */
const MODULES = [
  messageType,
  alertType,
  ackType,
  clarificationType,
  clarificationReplyType,
  explanationRequestType,
  explanationReplyType,
  meetingConveneType,
  linkCheckType,
  channelSuspendedType,
  channelResumedType,
  escalationType,
  findingType,
  documentSignType,
  glossaryTermType,
  zoneType,
  activityNoticeType,
  activityCancelType,
  incidentReportType,
  violationPositionType,
  violationVerdictType,
  intelReportType,
  intelRfiType,
  intelRfiReplyType,
  intelRfiCloseType,
  intelOpinionType,
  intelReleaseType,
  intelReleaseNoteType,
  opportunityType,
  opportunityMoveType,
  interestType,
  meetingType,
  meetingConfirmType,
  meetingCancelType,
  minutesType,
  jointTextType,
  jointTextBracketType,
  jointTextSuggestionType,
  jointTextDecisionType,
  commitmentType,
  commitmentReportType,
  commitmentVerifyType,
  disputeType,
  disputeResponseType,
  disputeStageProposalType,
  disputeStageType,
  disputeCloseType,
  disputeCaucusType,
  disputeResolutionType,
  translationType,
  readbackConfirmType,
] as const;

type Modules = (typeof MODULES)[number];
export type ItemTypeName = Modules['type'];

/** The registry, by type name. */
export const ITEM_TYPES: { readonly [Name in ItemTypeName]: Extract<Modules, { type: Name }> } = Object.fromEntries(MODULES.map((module) => [module.type, module])) as never;

/** Every registered type, in registry order. */
export const ITEM_TYPE_LIST: readonly ItemType[] = MODULES;

/** The historical name of a type's declaration. */
export type ItemTypeDefinition = ItemType;

export function itemTypeDefinition(type: string): ItemType | undefined {
  return Object.hasOwn(ITEM_TYPES, type) ? (ITEM_TYPES as Record<string, ItemType>)[type] : undefined;
}

export function isItemTypeName(type: string): type is ItemTypeName {
  return Object.hasOwn(ITEM_TYPES, type);
}

/** How items of this type are co-signed, when they are versions of documents. */
export function documentDeclaration(type: string): DocumentDeclaration | undefined {
  return itemTypeDefinition(type)?.document;
}
