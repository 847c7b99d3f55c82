import { FreeText } from '../features/items/free-text.tsx';
import { defineWebItemType } from './web-item-type.ts';

export const disputeView = defineWebItemType({ type: 'dispute', nameKey: 'dispute', render: (payload) => <FreeText text={payload.statement} language={payload.language} /> });
export const disputeResponseView = defineWebItemType({ type: 'dispute.response', nameKey: 'disputeResponse', render: (payload) => <FreeText text={payload.position} language={payload.language} /> });
export const disputeStageProposalView = defineWebItemType({ type: 'dispute.stage.proposal', nameKey: 'disputeStageProposal', render: (payload) => <FreeText text={payload.reason} language={payload.language} /> });
export const disputeStageView = defineWebItemType({ type: 'dispute.stage', nameKey: 'disputeStage', render: (payload) => <p>{payload.to}</p> });
export const disputeCloseView = defineWebItemType({ type: 'dispute.close', nameKey: 'disputeClose', render: (payload) => <p>{payload.outcome}</p> });
export const disputeCaucusView = defineWebItemType({ type: 'dispute.caucus', nameKey: 'disputeCaucus', render: (payload) => <FreeText text={payload.text} language={payload.language} /> });
export const disputeResolutionView = defineWebItemType({ type: 'dispute.resolution', nameKey: 'disputeResolution', render: (payload) => <FreeText text={payload.text} language={payload.language} /> });
