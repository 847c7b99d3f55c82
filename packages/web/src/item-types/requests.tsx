import { ClarificationContent, ExplanationRequestContent, MeetingConveneContent, ReplyContent } from '../features/items/request-content.tsx';
import { defineWebItemType } from './web-item-type.ts';

export const clarificationView = defineWebItemType({ type: 'clarification', nameKey: 'clarification', render: (payload) => <ClarificationContent payload={payload} /> });

export const clarificationReplyView = defineWebItemType({ type: 'clarification.reply', nameKey: 'clarificationReply', render: (payload) => <ReplyContent payload={payload} /> });

export const explanationRequestView = defineWebItemType({
  type: 'explanation.request',
  nameKey: 'explanationRequest',
  render: (payload) => <ExplanationRequestContent payload={payload} />,
});

export const explanationReplyView = defineWebItemType({ type: 'explanation.reply', nameKey: 'explanationReply', render: (payload) => <ReplyContent payload={payload} /> });

export const meetingConveneView = defineWebItemType({ type: 'meeting.convene', nameKey: 'meetingConvene', render: (payload) => <MeetingConveneContent payload={payload} /> });
