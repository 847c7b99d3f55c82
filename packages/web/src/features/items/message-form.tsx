import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm, type ItemPlace } from '../forms/item-form.tsx';
import { textLimit } from '../forms/payload-fields.ts';

/** What is wrong with a message before anything is signed. */
type MessageProblem = 'empty' | 'too_long';

/**
 * Writes a message into one compartment of one track: its text in the language the author
 * answers for, and whether the recipients must acknowledge it. It is signed here with this
 * browser's device key.
 */
export function MessageForm({ place }: { place?: ItemPlace | undefined }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [ackRequested, setAckRequested] = useState(false);
  const max = textLimit('message', 'text') ?? Infinity;

  return (
    <ItemForm<MessageProblem>
      type="message"
      testId="compose"
      className="compose-form"
      fieldsetClassName="compose-fieldset"
      place={place}
      draft={(language) => {
        const trimmed = text.trim();
        if (trimmed === '' || trimmed.length > max) return { problem: trimmed === '' ? 'empty' : 'too_long', field: 'text' };
        return { payload: { text: trimmed, language, ...(ackRequested ? { ackRequested: true } : {}) } };
      }}
      onEntered={() => {
        setText('');
        setAckRequested(false);
      }}
      status={{ errorTestId: 'compose-error', problemText: (problem) => t(`compose.problems.${problem}`, { max }) }}
    >
      <TextField field="text" label={t('compose.text')} testId="compose-text" rows={4} value={text} onChange={setText} />
      <div className="compose-options">
        <FormLanguage label={t('compose.language')} hint={t('compose.languageHint')} />
        <label className="checkbox">
          <input type="checkbox" data-testid="compose-ack" checked={ackRequested} onChange={(event) => setAckRequested(event.target.checked)} />
          {t('compose.ack')}
        </label>
        <FormSubmit testId="compose-send" sendingLabel={t('compose.sending')}>
          {t('compose.send')}
        </FormSubmit>
      </div>
    </ItemForm>
  );
}
