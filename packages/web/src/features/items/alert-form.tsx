import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_SEVERITIES, type AlertPayload } from '@fusion-cell/protocol';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormPlace, FormSubmit, ItemForm, type ItemPlace } from '../forms/item-form.tsx';

type Severity = AlertPayload['severity'];

/**
 * Raises a hotline alert: title, description, severity, language, compartment. The other
 * sides' watch sees it within a second, with the alarm, and must acknowledge it in minutes.
 */
export function AlertForm({ place }: { place?: ItemPlace | undefined }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<Severity>('flash');
  const severityName = useId();

  return (
    <ItemForm
      type="alert"
      testId="alert"
      className="alert-form"
      place={place}
      preferredTrack="deescalation"
      draft={(language) => (title.trim() === '' ? { missing: 'title' } : { payload: { title: title.trim(), description: description.trim(), severity, language } })}
      onEntered={() => {
        setTitle('');
        setDescription('');
      }}
    >
      <div className="form-grid">
        <TextField field="title" label={t('alertForm.title')} testId="alert-title-input" value={title} onChange={setTitle} wide missing={{ text: t('alertForm.titleMissing'), testId: 'alert-title-missing' }} />
        <TextField field="description" label={t('alertForm.description')} testId="alert-description-input" rows={3} value={description} onChange={setDescription} wide />
        <fieldset className="field">
          <legend>{t('alertForm.severity')}</legend>
          <div className="severity-choices">
            {ALERT_SEVERITIES.map((value) => (
              <label key={value} className={`checkbox severity-choice severity-choice-${value}`}>
                <input type="radio" name={severityName} value={value} data-testid={`alert-severity-${value}`} checked={severity === value} onChange={() => setSeverity(value)} />
                {t(`items.severity.${value}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <FormLanguage />
        <FormPlace />
      </div>
      <div className="form-actions">
        <FormSubmit className="button button-alert">
          <span aria-hidden="true">⚠ </span>
          {t('alertForm.submit')}
        </FormSubmit>
      </div>
    </ItemForm>
  );
}
