export { disputeModule, disputeResponseModule } from './dispute.ts';
export { disputeCloseModule, disputeStageModule, disputeStageProposalModule } from './stages.ts';
export { disputeCaucusModule } from './caucus.ts';
export { disputeResolutionModule } from './resolution.ts';
