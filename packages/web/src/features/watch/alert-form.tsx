import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_SEVERITIES, RTL_LANGUAGES, type AlertPayload, type Track } from '@fusion-cell/protocol';
import { useAuthenticated } from '../auth/session-context.ts';
import { LanguageSelect, useTextLanguage } from '../items/language-select.tsx';
import { SubmitStatus } from '../items/submit-status.tsx';
import { useSubmitItem } from '../items/use-submit-item.ts';
import { CompartmentSelect, TrackSelect, useCompartmentsOf } from './compartment-select.tsx';

type Severity = AlertPayload['severity'];

/**
 * Raises a hotline alert: title, description, severity, language, compartment. The other
 * sides' watch sees it within a second, with the alarm, and must acknowledge it in minutes.
 */
export function AlertForm() {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  const compartments = useCompartmentsOf(['plenary', 'caucus']);
  const tracks = cell.tracks;
  const { state, submit } = useSubmitItem();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<Severity>('flash');
  const [compartment, setCompartment] = useState(compartments[0]?.id ?? '');
  const [track, setTrack] = useState<Track>(tracks.includes('deescalation') ? 'deescalation' : (tracks[0] ?? 'general'));
  const [language, setLanguage] = useTextLanguage();
  const [missing, setMissing] = useState(false);
  const ids = { title: useId(), description: useId(), severity: useId() };
  const direction = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '') {
      setMissing(true);
      return;
    }
    const payload: Record<string, string> = { title: title.trim(), description: description.trim(), severity, language };
    const outcome = await submit({ compartment, track, type: 'alert', payload });
    if (outcome.ok) {
      setTitle('');
      setDescription('');
    }
  };

  return (
    <form className="alert-form" data-testid="alert-form" onSubmit={(event) => void send(event)} noValidate>
      <div className="form-grid">
        <div className="field field-wide">
          <label htmlFor={ids.title}>{t('alertForm.title')}</label>
          <input
            id={ids.title}
            data-testid="alert-title-input"
            maxLength={200}
            lang={language}
            dir={direction}
            aria-invalid={missing}
            value={title}
            onChange={(event) => {
              setTitle(event.target.value);
              setMissing(false);
            }}
          />
          {missing && (
            <p className="message message-error" role="alert" data-testid="alert-title-missing">
              {t('alertForm.titleMissing')}
            </p>
          )}
        </div>
        <div className="field field-wide">
          <label htmlFor={ids.description}>{t('alertForm.description')}</label>
          <textarea id={ids.description} data-testid="alert-description-input" rows={3} maxLength={4000} lang={language} dir={direction} value={description} onChange={(event) => setDescription(event.target.value)} />
        </div>
        <fieldset className="field">
          <legend>{t('alertForm.severity')}</legend>
          <div className="severity-choices">
            {ALERT_SEVERITIES.map((value) => (
              <label key={value} className={`checkbox severity-choice severity-choice-${value}`}>
                <input type="radio" name={ids.severity} value={value} data-testid={`alert-severity-${value}`} checked={severity === value} onChange={() => setSeverity(value)} />
                {t(`items.severity.${value}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <LanguageSelect value={language} onChange={setLanguage} testId="alert-language" />
        <CompartmentSelect compartments={compartments} value={compartment} onChange={setCompartment} testId="alert-compartment" />
        <TrackSelect tracks={tracks} value={track} onChange={setTrack} testId="alert-track" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-alert" data-testid="alert-submit" disabled={state.phase === 'sending'}>
          <span aria-hidden="true">⚠ </span>
          {t('alertForm.submit')}
        </button>
      </div>
      <SubmitStatus state={state} testId="alert-status" />
    </form>
  );
}
