import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionContext, ActionPanelProps, ItemAction } from '../../../item-types/web-item-type.ts';
import { TextField } from '../../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm } from '../../forms/item-form.tsx';
import { meetingQualifies } from '../../items/convene-form.tsx';
import { MeetingForm } from './meeting-form.tsx';
import { meetingsOnRequest, meetingStateOf } from './meeting-state.ts';

const stateIn = ({ target, graph, members, cell }: ActionContext) => meetingStateOf(target.id, graph, members, cell);

/** A supervisor confirms a side's proposed meeting, with a note if they give one. */
function ConfirmPanel({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <ItemForm
      type="meeting.confirm"
      testId="meeting-confirm"
      className="answer-form"
      place={target}
      references={[target.id]}
      draft={(language) => ({ payload: { language, ...(note.trim() === '' ? {} : { note: note.trim() }) } })}
      onEntered={onDone}
    >
      <TextField field="note" label={t('meetings.confirm.note')} testId="meeting-confirm-note" rows={2} value={note} onChange={setNote} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('meetings.confirm.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** A meeting called off, always with the reason. */
function CancelPanel({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <ItemForm
      type="meeting.cancel"
      testId="meeting-cancel"
      className="answer-form"
      place={target}
      references={[target.id]}
      draft={(language) => (reason.trim() === '' ? { missing: 'reason' } : { payload: { reason: reason.trim(), language } })}
      onEntered={onDone}
    >
      <TextField field="reason" label={t('meetings.cancel.reason')} testId="meeting-cancel-reason" rows={2} value={reason} onChange={setReason} missing={{ text: t('meetings.cancel.reasonMissing'), testId: 'meeting-cancel-reason-missing' }} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit className="button button-danger">{t('meetings.cancel.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** Offered to a supervisor on a meeting a side proposed, while it is still only proposed. */
export const confirmMeetingAction: ItemAction = {
  id: 'confirmMeeting',
  offered: (context) => context.target.type === 'meeting' && context.reader.partyKind === 'supervisor' && stateIn(context) === 'proposed',
  Panel: ConfirmPanel,
};

/** Offered to a supervisor on a meeting not yet cancelled; to the proposing side while it is only proposed. */
export const cancelMeetingAction: ItemAction = {
  id: 'cancelMeeting',
  offered: (context) => {
    if (context.target.type !== 'meeting') return false;
    const state = stateIn(context);
    if (context.reader.partyKind === 'supervisor') return state === 'proposed' || state === 'convened';
    return state === 'proposed' && context.target.authorParty === context.reader.party;
  },
  Panel: CancelPanel,
};

/** The meeting form, entered on the explanation request it is convened on. */
function ConvenePanel({ target, onDone }: ActionPanelProps) {
  return <MeetingForm place={target} request={target.id} onDone={onDone} />;
}

/**
 * The supervisor's answer to an explanation request left without a satisfactory reply: a
 * meeting referring to it first, which moves the request to "meeting convened".
 */
export const conveneMeetingAction: ItemAction = {
  id: 'convene',
  onOverdue: true,
  offered: ({ target, graph, members, overdue }) => target.type === 'explanation.request' && meetingsOnRequest(target.id, graph).length === 0 && meetingQualifies(target.id, graph, members, overdue),
  Panel: ConvenePanel,
};
