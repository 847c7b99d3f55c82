import { useTranslation } from 'react-i18next';
import type { MessagePayload } from '@fusion-cell/protocol';
import { FreeText } from '../features/items/free-text.tsx';
import { MessageForm } from '../features/items/message-form.tsx';
import { defineWebItemType } from './web-item-type.ts';

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

export const messageView = defineWebItemType({
  type: 'message',
  nameKey: 'message',
  render: (payload) => <MessageContent payload={payload} />,
  form: { Form: MessageForm, name: 'compose', heading: (t, compartment) => t('compose.heading', { compartment }), track: 'open' },
});
