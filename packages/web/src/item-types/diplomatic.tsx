import { commitmentReleased } from '../features/diplomatic/commitments/commitment-state.ts';
import { CommitmentContent, CommitmentReportContent, CommitmentVerifyContent } from '../features/diplomatic/commitments/commitment-content.tsx';
import { recordCommitmentAction, reportDoneAction, verifyCommitmentAction } from '../features/diplomatic/commitments/commitment-forms.tsx';
import { cancelMeetingAction, confirmMeetingAction, conveneMeetingAction } from '../features/diplomatic/meetings/meeting-actions.tsx';
import { MeetingCancelContent, MeetingConfirmContent, MeetingContent } from '../features/diplomatic/meetings/meeting-content.tsx';
import { MeetingForm } from '../features/diplomatic/meetings/meeting-form.tsx';
import { answersOfType } from '../features/items/item-graph.ts';
import { amendMinutesAction, MinutesContent } from '../features/diplomatic/meetings/minutes-content.tsx';
import { defineWebItemType } from './web-item-type.ts';

// Meetings, minutes and commitments: how each reads, and what members do with them.
export const meetingView = defineWebItemType({
  type: 'meeting',
  nameKey: 'meeting',
  render: (payload, envelope) => <MeetingContent payload={payload} envelope={envelope} />,
  form: {
    Form: MeetingForm,
    name: 'meeting',
    heading: (t, compartment) => (compartment === undefined ? t('meetings.form.heading') : t('meetings.form.headingIn', { compartment })),
    track: 'folded',
  },
  // Entered on an explanation request left without a satisfactory reply, it is the meeting convened on it.
  actions: [conveneMeetingAction],
  // Cancelled, it asks its invitees nothing more.
  released: (id, graph) => answersOfType(id, graph, 'meeting.cancel').length > 0,
});

export const meetingConfirmView = defineWebItemType({
  type: 'meeting.confirm',
  nameKey: 'meetingConfirm',
  render: (payload) => <MeetingConfirmContent payload={payload} />,
  actions: [confirmMeetingAction],
});

export const meetingCancelView = defineWebItemType({
  type: 'meeting.cancel',
  nameKey: 'meetingCancel',
  render: (payload) => <MeetingCancelContent payload={payload} />,
  actions: [cancelMeetingAction],
});

export const minutesView = defineWebItemType({
  type: 'minutes',
  nameKey: 'minutes',
  render: (payload) => <MinutesContent payload={payload} />,
  actions: [amendMinutesAction],
});

export const commitmentView = defineWebItemType({
  type: 'commitment',
  nameKey: 'commitment',
  render: (payload, envelope) => <CommitmentContent payload={payload} envelope={envelope} />,
  // Taken on the agreed minutes or a signed joint text in force.
  actions: [recordCommitmentAction],
  // Verified by a supervisor, it asks nothing more of its owner.
  released: commitmentReleased,
});

export const commitmentReportView = defineWebItemType({
  type: 'commitment.report',
  nameKey: 'commitmentReport',
  render: (payload) => <CommitmentReportContent payload={payload} />,
  actions: [reportDoneAction],
});

export const commitmentVerifyView = defineWebItemType({
  type: 'commitment.verify',
  nameKey: 'commitmentVerify',
  render: (payload) => <CommitmentVerifyContent payload={payload} />,
  actions: [verifyCommitmentAction],
});
