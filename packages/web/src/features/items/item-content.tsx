import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AckPayload,
  AlertPayload,
  ChannelStatePayload,
  ClarificationPayload,
  ClarificationReplyPayload,
  EscalationPayload,
  ExplanationReplyPayload,
  ExplanationRequestPayload,
  LinkCheckPayload,
  MeetingConvenePayload,
  MessagePayload,
} from '@fusion-cell/protocol';
import { CELL_AUTHOR, type Envelope } from '@fusion-cell/record';
import { AckContent, EscalationContent } from './ack-content.tsx';
import { FreeText } from './free-text.tsx';
import { AlertContent, ChannelStateContent, LinkCheckContent } from './hotline-content.tsx';
import { ClarificationContent, ExplanationRequestContent, MeetingConveneContent, ReplyContent } from './request-content.tsx';
import './items.css';

/** Anything with a zod-style `safeParse`. */
interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

function parsed<T>(schema: Schema<T>, envelope: Envelope, render: (payload: T) => ReactElement): ReactElement | null {
  const result = schema.safeParse(envelope.payload);
  return result.success ? render(result.data) : null;
}

function content(envelope: Envelope): ReactElement | null {
  switch (envelope.type) {
    case 'message':
      return parsed(MessagePayload, envelope, (payload) => <MessageContent payload={payload} />);
    case 'alert':
      return parsed(AlertPayload, envelope, (payload) => <AlertContent payload={payload} />);
    case 'ack':
      return parsed(AckPayload, envelope, (payload) => <AckContent payload={payload} />);
    case 'clarification':
      return parsed(ClarificationPayload, envelope, (payload) => <ClarificationContent payload={payload} />);
    case 'clarification.reply':
      return parsed(ClarificationReplyPayload, envelope, (payload) => <ReplyContent payload={payload} />);
    case 'explanation.request':
      return parsed(ExplanationRequestPayload, envelope, (payload) => <ExplanationRequestContent payload={payload} />);
    case 'explanation.reply':
      return parsed(ExplanationReplyPayload, envelope, (payload) => <ReplyContent payload={payload} />);
    case 'meeting.convene':
      return parsed(MeetingConvenePayload, envelope, (payload) => <MeetingConveneContent payload={payload} />);
    case 'link.check':
      return parsed(LinkCheckPayload, envelope, (payload) => <LinkCheckContent payload={payload} byCell={envelope.author === CELL_AUTHOR} />);
    case 'channel.suspended':
    case 'channel.resumed':
      return parsed(ChannelStatePayload, envelope, (payload) => <ChannelStateContent payload={payload} suspended={envelope.type === 'channel.suspended'} />);
    case 'escalation':
      return parsed(EscalationPayload, envelope, (payload) => <EscalationContent payload={payload} />);
    default:
      return null;
  }
}

/**
 * What an item says, by type: structured fields in the reader's language, free text in its
 * own. A type this version does not know, or a payload that does not match its schema, is
 * said to be so rather than guessed at.
 */
export function ItemContent({ envelope }: { envelope: Envelope | undefined }) {
  const { t } = useTranslation();
  const shown = envelope ? content(envelope) : null;
  if (shown) return shown;
  return (
    <p className="thread-item-text thread-item-unreadable" data-testid="item-text">
      {envelope ? t('thread.otherType', { type: envelope.type }) : t('thread.unreadable')}
    </p>
  );
}

function MessageContent({ payload }: { payload: MessagePayload }) {
  const { t } = useTranslation();
  return (
    <>
      <FreeText text={payload.text} language={payload.language} testId="item-text" className="thread-item-text" />
      <p className="thread-item-tags">
        <span className="tag">{t('thread.writtenIn', { language: t(`language.names.${payload.language}`) })}</span>
        {payload.ackRequested && (
          <span className="tag tag-ack" data-testid="item-ack-requested">
            {t('thread.ackRequested')}
          </span>
        )}
      </p>
    </>
  );
}
