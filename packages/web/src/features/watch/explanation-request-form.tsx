import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RTL_LANGUAGES, type Track } from '@fusion-cell/protocol';
import { useAuthenticated } from '../auth/session-context.ts';
import { localInputToIso } from '../items/convene-form.tsx';
import { LanguageSelect, useTextLanguage } from '../items/language-select.tsx';
import { SubmitStatus } from '../items/submit-status.tsx';
import { useSubmitItem } from '../items/use-submit-item.ts';
import { CompartmentSelect, TrackSelect, useCompartmentsOf } from './compartment-select.tsx';

const TRACKS: readonly Track[] = ['deescalation', 'general'];

/**
 * Asks another side to explain unusual military activity (the Vienna Document's procedure):
 * the question, what was observed and when. A reply is due within the cell's deadline;
 * without one, or if it is contested, the supervisor may convene a meeting.
 */
export function ExplanationRequestForm({ fixed }: { fixed?: { compartment: string; track: Track } }) {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  const compartments = useCompartmentsOf(['plenary', 'caucus']);
  const tracks = TRACKS.filter((track) => cell.tracks.includes(track));
  const { state, submit } = useSubmitItem();
  const [question, setQuestion] = useState('');
  const [activity, setActivity] = useState('');
  const [observedAt, setObservedAt] = useState('');
  const [compartment, setCompartment] = useState(fixed?.compartment ?? compartments[0]?.id ?? '');
  const [track, setTrack] = useState<Track>(fixed?.track ?? tracks[0] ?? 'general');
  const [language, setLanguage] = useTextLanguage();
  const [missing, setMissing] = useState(false);
  const ids = { question: useId(), activity: useId(), observedAt: useId() };
  const direction = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (question.trim() === '') {
      setMissing(true);
      return;
    }
    const payload: Record<string, string> = { question: question.trim(), language };
    if (activity.trim() !== '') payload['activity'] = activity.trim();
    const observed = localInputToIso(observedAt);
    if (observed !== undefined) payload['observedAt'] = observed;
    const outcome = await submit({ compartment, track, type: 'explanation.request', payload });
    if (outcome.ok) {
      setQuestion('');
      setActivity('');
      setObservedAt('');
    }
  };

  return (
    <form className="explanation-form" data-testid="explanation-form" onSubmit={(event) => void send(event)} noValidate>
      <div className="form-grid">
        <div className="field field-wide">
          <label htmlFor={ids.question}>{t('explanationForm.question')}</label>
          <textarea
            id={ids.question}
            data-testid="explanation-question-input"
            rows={3}
            maxLength={4000}
            lang={language}
            dir={direction}
            aria-invalid={missing}
            value={question}
            onChange={(event) => {
              setQuestion(event.target.value);
              setMissing(false);
            }}
          />
          {missing && (
            <p className="message message-error" role="alert" data-testid="explanation-question-missing">
              {t('explanationForm.questionMissing')}
            </p>
          )}
        </div>
        <div className="field field-wide">
          <label htmlFor={ids.activity}>{t('explanationForm.activity')}</label>
          <textarea id={ids.activity} data-testid="explanation-activity-input" rows={2} maxLength={4000} lang={language} dir={direction} value={activity} onChange={(event) => setActivity(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.observedAt}>{t('explanationForm.observedAt')}</label>
          <input id={ids.observedAt} type="datetime-local" data-testid="explanation-observed-at" value={observedAt} onChange={(event) => setObservedAt(event.target.value)} />
        </div>
        <LanguageSelect value={language} onChange={setLanguage} testId="explanation-language" />
        {!fixed && <CompartmentSelect compartments={compartments} value={compartment} onChange={setCompartment} testId="explanation-compartment" />}
        {!fixed && <TrackSelect tracks={tracks} value={track} onChange={setTrack} testId="explanation-track" />}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="explanation-submit" disabled={state.phase === 'sending'}>
          {t('explanationForm.submit')}
        </button>
      </div>
      <SubmitStatus state={state} testId="explanation-status" />
    </form>
  );
}
