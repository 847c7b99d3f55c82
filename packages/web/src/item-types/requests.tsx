import { clarifyAction, replyAction } from '../features/items/answer-form.tsx';
import { ExplanationRequestForm } from '../features/items/explanation-request-form.tsx';
import { ClarificationContent, ExplanationRequestContent, MeetingConveneContent, ReplyContent } from '../features/items/request-content.tsx';
import { defineWebItemType } from './web-item-type.ts';

export const clarificationView = defineWebItemType({
  type: 'clarification',
  nameKey: 'clarification',
  render: (payload) => <ClarificationContent payload={payload} />,
  actions: [clarifyAction('clarification')],
});

export const clarificationReplyView = defineWebItemType({
  type: 'clarification.reply',
  nameKey: 'clarificationReply',
  render: (payload) => <ReplyContent payload={payload} />,
  actions: [replyAction('clarification.reply')],
});

export const explanationRequestView = defineWebItemType({
  type: 'explanation.request',
  nameKey: 'explanationRequest',
  render: (payload) => <ExplanationRequestContent payload={payload} />,
  form: {
    Form: ExplanationRequestForm,
    name: 'explanation',
    heading: (t, compartment) => (compartment === undefined ? t('explanationForm.heading') : t('explanationForm.headingIn', { compartment })),
    console: 'routine',
    track: 'folded',
  },
});

export const explanationReplyView = defineWebItemType({
  type: 'explanation.reply',
  nameKey: 'explanationReply',
  render: (payload) => <ReplyContent payload={payload} />,
  actions: [replyAction('explanation.reply')],
});

export const meetingConveneView = defineWebItemType({
  type: 'meeting.convene',
  nameKey: 'meetingConvene',
  // Entered before meetings had their own type; a supervisor now convenes a `meeting` on the request.
  render: (payload) => <MeetingConveneContent payload={payload} />,
});
