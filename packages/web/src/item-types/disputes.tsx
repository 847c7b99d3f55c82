import {
  amendResolutionAction,
  caucusAction,
  closeDisputeAction,
  contestTranslationAction,
  decideStageAction,
  draftResolutionAction,
  proposeStageAction,
  raiseDisputeAction,
  respondDisputeAction,
} from '../features/disputes/dispute-actions.ts';
import { CaucusContent, CloseContent, DisputeContent, ProposalContent, ResolutionContent, ResponseContent, StageContent } from '../features/disputes/dispute-content.tsx';
import { disputeIsOpen } from '@fusion-cell/protocol';
import { disputeIndexOf, disputeOfItem } from '../features/disputes/use-disputes.ts';
import { currentStep } from '../features/disputes/dispute-record.ts';
import type { ItemGraph } from '../features/items/item-graph.ts';
import type { MemberView } from '../sync/sync-types.ts';
import { defineWebItemType } from './web-item-type.ts';

/**
 * What a dispute or a stage decision asked is released once the dispute moved on or closed: the
 * cell released every response still owed on it.
 */
function releasedOnceMovedOn(id: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>): boolean {
  const record = disputeOfItem(disputeIndexOf(graph, members), id);
  return record !== undefined && (!disputeIsOpen(record.state) || currentStep(record)?.item.id !== id);
}

// The dispute process: raised on any item (a translation contested by its own action), answered
// in each stage, moved on by the supervisor, caucused in private, resolved by a co-signed text.
// The dispute's page gathers all of it; each item also reads on its own in its thread.
export const disputeView = defineWebItemType({
  type: 'dispute',
  nameKey: 'dispute',
  render: (payload, envelope) => <DisputeContent payload={payload} envelope={envelope} />,
  actions: [raiseDisputeAction, contestTranslationAction],
  released: releasedOnceMovedOn,
});

export const disputeResponseView = defineWebItemType({
  type: 'dispute.response',
  nameKey: 'disputeResponse',
  render: (payload, envelope) => <ResponseContent payload={payload} envelope={envelope} />,
  actions: [respondDisputeAction],
});

export const disputeStageProposalView = defineWebItemType({
  type: 'dispute.stage.proposal',
  nameKey: 'disputeStageProposal',
  render: (payload, envelope) => <ProposalContent payload={payload} envelope={envelope} />,
  actions: [proposeStageAction],
});

export const disputeStageView = defineWebItemType({
  type: 'dispute.stage',
  nameKey: 'disputeStage',
  render: (payload, envelope) => <StageContent payload={payload} envelope={envelope} />,
  actions: [decideStageAction],
  released: releasedOnceMovedOn,
});

export const disputeCloseView = defineWebItemType({
  type: 'dispute.close',
  nameKey: 'disputeClose',
  render: (payload, envelope) => <CloseContent payload={payload} envelope={envelope} />,
  actions: [closeDisputeAction],
});

export const disputeCaucusView = defineWebItemType({
  type: 'dispute.caucus',
  nameKey: 'disputeCaucus',
  render: (payload, envelope) => <CaucusContent payload={payload} envelope={envelope} />,
  actions: [caucusAction],
});

export const disputeResolutionView = defineWebItemType({
  type: 'dispute.resolution',
  nameKey: 'disputeResolution',
  render: (payload) => <ResolutionContent payload={payload} />,
  actions: [draftResolutionAction, amendResolutionAction],
});
