import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonObject } from '@fusion-cell/record';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormPlace, FormSubmit, ItemForm, type ItemPlace } from '../forms/item-form.tsx';
import { localInputToIso } from '../forms/local-time.ts';

/**
 * Asks another side to explain unusual military activity (the Vienna Document's procedure):
 * the question, what was observed and when. A reply is due within the cell's deadline;
 * without one, or if it is contested, the supervisor may convene a meeting.
 */
export function ExplanationRequestForm({ place }: { place?: ItemPlace | undefined }) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState('');
  const [activity, setActivity] = useState('');
  const [observedAt, setObservedAt] = useState('');

  const draft = (language: string) => {
    if (question.trim() === '') return { missing: 'question' };
    const payload: JsonObject = { question: question.trim(), language };
    if (activity.trim() !== '') payload['activity'] = activity.trim();
    const observed = localInputToIso(observedAt);
    if (observed !== undefined) payload['observedAt'] = observed;
    return { payload };
  };

  return (
    <ItemForm
      type="explanation.request"
      testId="explanation"
      className="explanation-form"
      place={place}
      draft={draft}
      onEntered={() => {
        setQuestion('');
        setActivity('');
        setObservedAt('');
      }}
    >
      <div className="form-grid">
        <TextField
          field="question"
          label={t('explanationForm.question')}
          testId="explanation-question-input"
          rows={3}
          value={question}
          onChange={setQuestion}
          wide
          missing={{ text: t('explanationForm.questionMissing'), testId: 'explanation-question-missing' }}
        />
        <TextField field="activity" label={t('explanationForm.activity')} testId="explanation-activity-input" rows={2} value={activity} onChange={setActivity} wide />
        <TextField field="observedAt" label={t('explanationForm.observedAt')} testId="explanation-observed-at" time value={observedAt} onChange={setObservedAt} />
        <FormLanguage />
        <FormPlace />
      </div>
      <div className="form-actions">
        <FormSubmit>{t('explanationForm.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}
