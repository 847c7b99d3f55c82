import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ACK_LEVELS, type AckLevel } from '@fusion-cell/protocol';

/** Translation keys of the item types (dotted type names are not usable as keys). */
const TYPE_KEYS = {
  message: 'message',
  alert: 'alert',
  ack: 'ack',
  clarification: 'clarification',
  'clarification.reply': 'clarificationReply',
  'explanation.request': 'explanationRequest',
  'explanation.reply': 'explanationReply',
  'meeting.convene': 'meetingConvene',
  'link.check': 'linkCheck',
  'channel.suspended': 'channelSuspended',
  'channel.resumed': 'channelResumed',
  escalation: 'escalation',
} as const;

export function isAckLevel(value: string): value is AckLevel {
  return (ACK_LEVELS as readonly string[]).includes(value);
}

/** An item type's name in the reader's language. */
export function useTypeName(): (type: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (type: string) => (Object.hasOwn(TYPE_KEYS, type) ? t(`items.types.${TYPE_KEYS[type as keyof typeof TYPE_KEYS]}`) : t('items.types.other', { type })),
    [t],
  );
}

/** What is owed, in words: an acknowledgment level, or a reply of a type. */
export function useRequiredName(): (required: string) => string {
  const { t } = useTranslation();
  const typeName = useTypeName();
  return useCallback((required: string) => (isAckLevel(required) ? t(`items.ackLevels.${required}`) : typeName(required)), [t, typeName]);
}
