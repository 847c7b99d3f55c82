import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, RTL_LANGUAGES, type Language, type Track } from '@fusion-cell/protocol';
import { useDevice } from '../../device/device-context.ts';
import { isLanguage } from '../../i18n/setup.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { SubmitStatus } from '../items/submit-status.tsx';
import { MAX_MESSAGE_LENGTH, useSendMessage } from './use-send-message.ts';

/**
 * Writes a message into one compartment of one track. The text is signed here with this
 * browser's device key; sending is disabled, with the reason, while the device cannot sign.
 */
export function ComposeBox({ compartment, compartmentName, track }: { compartment: string; compartmentName: string; track: Track }) {
  const { t } = useTranslation();
  const uiLanguage = useLanguage();
  const { state: device } = useDevice();
  const { state, send, reset } = useSendMessage();
  const [text, setText] = useState('');
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [ackRequested, setAckRequested] = useState(false);
  const ids = { text: useId(), language: useId(), hint: useId() };
  const canSign = device.status === 'approved';

  // The text's language follows the interface until the author picks one.
  const [languageChosen, setLanguageChosen] = useState(false);
  useEffect(() => {
    if (!languageChosen) setLanguage(uiLanguage);
  }, [uiLanguage, languageChosen]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await send({ compartment, track, text, language, ackRequested })) {
      setText('');
      setAckRequested(false);
    }
  };

  const direction = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
  const sending = state.phase === 'sending';
  return (
    <section className="compose" aria-labelledby={`${ids.text}-heading`} data-testid="compose">
      <h2 id={`${ids.text}-heading`} className="compose-heading">
        {t('compose.heading', { compartment: compartmentName })}
      </h2>
      {!canSign && (
        <p className="message message-warning" data-testid="compose-disabled" data-status={device.status}>
          <strong>{t('compose.disabled')}</strong> {t(`device.explanation.${device.status}`)}
        </p>
      )}
      <form className="compose-form" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="compose-fieldset" disabled={!canSign || sending}>
          <div className="field">
            <label htmlFor={ids.text}>{t('compose.text')}</label>
            <textarea
              id={ids.text}
              data-testid="compose-text"
              lang={language}
              dir={direction}
              rows={4}
              maxLength={MAX_MESSAGE_LENGTH}
              aria-invalid={state.phase === 'invalid' && (state.problem === 'empty' || state.problem === 'too_long')}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                if (state.phase === 'invalid') reset();
              }}
            />
          </div>
          <div className="compose-options">
            <div className="field">
              <label htmlFor={ids.language}>{t('compose.language')}</label>
              <select
                id={ids.language}
                data-testid="compose-language"
                aria-describedby={ids.hint}
                value={language}
                onChange={(event) => {
                  if (!isLanguage(event.target.value)) return;
                  setLanguage(event.target.value);
                  setLanguageChosen(true);
                }}
              >
                {LANGUAGES.map((code) => (
                  <option key={code} value={code} lang={code}>
                    {t(`language.names.${code}`)}
                  </option>
                ))}
              </select>
              <p className="hint" id={ids.hint}>
                {t('compose.languageHint')}
              </p>
            </div>
            <label className="checkbox">
              <input type="checkbox" data-testid="compose-ack" checked={ackRequested} onChange={(event) => setAckRequested(event.target.checked)} />
              {t('compose.ack')}
            </label>
            <button type="submit" className="button button-primary" data-testid="compose-send">
              {sending ? t('compose.sending') : t('compose.send')}
            </button>
          </div>
        </fieldset>
      </form>
      <SubmitStatus
        state={state}
        testId="compose-status"
        errorTestId="compose-error"
        problemText={(problem) => t(`compose.problems.${problem}`, { max: MAX_MESSAGE_LENGTH })}
      />
    </section>
  );
}
