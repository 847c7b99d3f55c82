import { replyModule } from '../general/replies.ts';
import { defineServerItemType } from '../server-item-type.ts';

export const disputeModule = defineServerItemType({ type: 'dispute' });
export const disputeResponseModule = replyModule('dispute.response');
export const disputeStageProposalModule = defineServerItemType({ type: 'dispute.stage.proposal' });
export const disputeStageModule = defineServerItemType({ type: 'dispute.stage' });
export const disputeCloseModule = defineServerItemType({ type: 'dispute.close' });
export const disputeCaucusModule = defineServerItemType({ type: 'dispute.caucus' });
export const disputeResolutionModule = defineServerItemType({ type: 'dispute.resolution' });
