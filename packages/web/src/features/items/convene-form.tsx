import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerTarget } from './ack-actions.tsx';
import { LanguageSelect, useTextLanguage } from './language-select.tsx';
import { SubmitStatus } from './submit-status.tsx';
import { useSubmitItem } from './use-submit-item.ts';

/** A `datetime-local` value (the reader's own clock) as an instant, or undefined. */
export function localInputToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const time = new Date(value).getTime();
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

/**
 * The supervisor convenes a meeting on an explanation request whose reply is overdue or
 * contested: its purpose, the proposed time, and where.
 */
export function ConveneForm({ target, onDone }: { target: AnswerTarget; onDone?: () => void }) {
  const { t } = useTranslation();
  const { state, submit } = useSubmitItem();
  const [purpose, setPurpose] = useState('');
  const [when, setWhen] = useState('');
  const [venue, setVenue] = useState('');
  const [problem, setProblem] = useState<'purpose' | 'proposedAt' | null>(null);
  const [language, setLanguage] = useTextLanguage();
  const ids = { purpose: useId(), when: useId(), venue: useId() };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const proposedAt = localInputToIso(when);
    if (purpose.trim() === '') return setProblem('purpose');
    if (proposedAt === undefined) return setProblem('proposedAt');
    setProblem(null);
    const payload: Record<string, string> = { purpose: purpose.trim(), proposedAt, language };
    if (venue.trim() !== '') payload['venue'] = venue.trim();
    const outcome = await submit({ compartment: target.compartment, track: target.track, type: 'meeting.convene', payload, references: [target.id] });
    if (outcome.ok) onDone?.();
  };

  return (
    <form className="answer-form convene-form" data-testid="convene-form" onSubmit={(event) => void send(event)} noValidate>
      <div className="field">
        <label htmlFor={ids.purpose}>{t('convene.purpose')}</label>
        <textarea id={ids.purpose} data-testid="convene-purpose" rows={2} maxLength={2000} lang={language} aria-invalid={problem === 'purpose'} value={purpose} onChange={(event) => setPurpose(event.target.value)} />
      </div>
      <div className="answer-form-row">
        <div className="field">
          <label htmlFor={ids.when}>{t('convene.proposedAt')}</label>
          <input id={ids.when} type="datetime-local" data-testid="convene-time" aria-invalid={problem === 'proposedAt'} value={when} onChange={(event) => setWhen(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.venue}>{t('convene.venue')}</label>
          <input id={ids.venue} data-testid="convene-venue" maxLength={200} lang={language} value={venue} onChange={(event) => setVenue(event.target.value)} />
        </div>
        <LanguageSelect value={language} onChange={setLanguage} testId="convene-language" />
      </div>
      {problem && (
        <p className="message message-error" role="alert" data-testid="convene-missing" data-field={problem}>
          {t(`convene.missing.${problem}`)}
        </p>
      )}
      <button type="submit" className="button button-primary" data-testid="convene-submit" disabled={state.phase === 'sending'}>
        {t('convene.submit')}
      </button>
      <SubmitStatus state={state} testId="convene-status" />
    </form>
  );
}
