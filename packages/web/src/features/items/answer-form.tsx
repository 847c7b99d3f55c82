import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RTL_LANGUAGES } from '@fusion-cell/protocol';
import type { AnswerTarget } from './ack-actions.tsx';
import { LanguageSelect, useTextLanguage } from './language-select.tsx';
import { SubmitStatus } from './submit-status.tsx';
import { useSubmitItem } from './use-submit-item.ts';

export type AnswerKind = 'clarification' | 'clarification.reply' | 'explanation.reply';

/** The payload field each answer carries its text in, and how long it may be. */
const FIELDS = {
  clarification: { field: 'question', max: 4000 },
  'clarification.reply': { field: 'answer', max: 8000 },
  'explanation.reply': { field: 'answer', max: 8000 },
} as const;

/** Whether the app has a form for answers of this type. */
export function isAnswerKind(type: string): type is AnswerKind {
  return Object.hasOwn(FIELDS, type);
}

/**
 * Writes the one text an answer carries (a clarification's question, a reply's answer) in
 * its language, and enters it referring to the item it answers.
 */
export function AnswerForm({ target, kind, testId, onDone }: { target: AnswerTarget; kind: AnswerKind; testId: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const { state, submit } = useSubmitItem();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [language, setLanguage] = useTextLanguage();
  const id = useId();
  const { field, max } = FIELDS[kind];

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      setMissing(true);
      return;
    }
    const outcome = await submit({ compartment: target.compartment, track: target.track, type: kind, payload: { [field]: text.trim(), language }, references: [target.id] });
    if (outcome.ok) {
      setText('');
      onDone?.();
    }
  };

  return (
    <form className="answer-form" data-testid={testId} data-kind={kind} onSubmit={(event) => void send(event)} noValidate>
      <div className="field">
        <label htmlFor={id}>{t(`answers.${field}Label`)}</label>
        <textarea
          id={id}
          data-testid={`${testId}-text`}
          rows={3}
          maxLength={max}
          lang={language}
          dir={RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'}
          aria-invalid={missing}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setMissing(false);
          }}
        />
        {missing && (
          <p className="message message-error" role="alert" data-testid={`${testId}-missing`}>
            {t(`answers.${field}Missing`)}
          </p>
        )}
      </div>
      <div className="answer-form-row">
        <LanguageSelect value={language} onChange={setLanguage} testId={`${testId}-language`} />
        <button type="submit" className="button button-primary" data-testid={`${testId}-submit`} disabled={state.phase === 'sending'}>
          {t(`answers.submit.${kind === 'clarification' ? 'clarification' : 'reply'}`)}
        </button>
      </div>
      <SubmitStatus state={state} testId={`${testId}-status`} />
    </form>
  );
}
