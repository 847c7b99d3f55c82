import { useTranslation } from 'react-i18next';
import type { ClarificationPayload, ClarificationReplyPayload, ExplanationReplyPayload, ExplanationRequestPayload, MeetingConvenePayload } from '@fusion-cell/protocol';
import { useFormatters } from '../../i18n/format.ts';
import { Field, FreeText } from './free-text.tsx';
import { AreaSummary } from './hotline-content.tsx';

export function ClarificationContent({ payload }: { payload: ReturnType<typeof ClarificationPayload.parse> }) {
  const { t } = useTranslation();
  return (
    <Field label={t('items.fields.question')}>
      <FreeText text={payload.question} language={payload.language} testId="clarification-question" />
    </Field>
  );
}

/** A reply to a clarification or an explanation request. */
export function ReplyContent({ payload }: { payload: ReturnType<typeof ClarificationReplyPayload.parse> | ReturnType<typeof ExplanationReplyPayload.parse> }) {
  const { t } = useTranslation();
  return (
    <Field label={t('items.fields.answer')}>
      <FreeText text={payload.answer} language={payload.language} testId="reply-answer" />
    </Field>
  );
}

export function ExplanationRequestContent({ payload }: { payload: ReturnType<typeof ExplanationRequestPayload.parse> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="item-fields" data-testid="explanation-request-content">
      <Field label={t('items.fields.question')}>
        <FreeText text={payload.question} language={payload.language} testId="explanation-question" />
      </Field>
      {payload.activity !== undefined && payload.activity !== '' && (
        <Field label={t('items.fields.activity')}>
          <FreeText text={payload.activity} language={payload.language} testId="explanation-activity" />
        </Field>
      )}
      {payload.observedAt !== undefined && (
        <Field label={t('items.fields.observedAt')}>
          <p>
            <time dateTime={payload.observedAt}>{format.dateTime(payload.observedAt)}</time>
          </p>
        </Field>
      )}
      {payload.area && <AreaSummary area={payload.area} />}
    </div>
  );
}

export function MeetingConveneContent({ payload }: { payload: ReturnType<typeof MeetingConvenePayload.parse> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="item-fields" data-testid="meeting-content">
      <p className="item-title">{t('items.meeting.convened')}</p>
      <Field label={t('items.fields.purpose')}>
        <FreeText text={payload.purpose} language={payload.language} testId="meeting-purpose" />
      </Field>
      <Field label={t('items.fields.proposedAt')}>
        <p>
          <time dateTime={payload.proposedAt} data-testid="meeting-time">
            {format.dateTime(payload.proposedAt)}
          </time>
        </p>
      </Field>
      {payload.venue !== undefined && payload.venue !== '' && (
        <Field label={t('items.fields.venue')}>
          <FreeText text={payload.venue} language={payload.language} testId="meeting-venue" />
        </Field>
      )}
    </div>
  );
}
