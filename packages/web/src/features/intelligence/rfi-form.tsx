import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RFI_OUTCOMES, RFI_PRIORITIES, type RfiOutcome } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import type { ActionContext, ActionPanelProps, ItemAction } from '../../item-types/web-item-type.ts';
import { Choices, SelectField } from '../deescalation/form-parts.tsx';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormPlace, FormSubmit, ItemForm, type Draft, type ItemPlace } from '../forms/item-form.tsx';
import { localInputToIso } from '../forms/local-time.ts';
import { useIntelligenceProblemText, type IntelligenceProblem } from './problems.ts';
import { rfiState } from './rfi-state.ts';

type Priority = (typeof RFI_PRIORITIES)[number];

/**
 * Asks the other parties for information: the question, its priority and, when it cannot wait
 * for the cell's deadline, when the reply is due. Past that, the cell escalates it.
 */
export function RfiForm({ place }: { place?: ItemPlace | undefined }) {
  const { t } = useTranslation();
  const problemText = useIntelligenceProblemText();
  const [question, setQuestion] = useState('');
  const [priority, setPriority] = useState<Priority>('routine');
  const [replyDue, setReplyDue] = useState('');

  const draft = (language: string): Draft<IntelligenceProblem> => {
    if (question.trim() === '') return { missing: 'question' };
    const due = localInputToIso(replyDue);
    if (due !== undefined && Date.parse(due) <= Date.now()) return { problem: 'replyDuePast', field: 'replyDue' };
    return { payload: { question: question.trim(), priority, language, ...(due === undefined ? {} : { replyDue: due }) } };
  };

  return (
    <ItemForm
      type="intel.rfi"
      testId="intel-rfi"
      className="deesc-form intel-form"
      place={place}
      preferredTrack="intelligence"
      draft={draft}
      status={{ problemText }}
      onEntered={() => {
        setQuestion('');
        setPriority('routine');
        setReplyDue('');
      }}
    >
      <div className="form-grid">
        <TextField
          field="question"
          label={t('items.fields.question')}
          testId="intel-rfi-question-input"
          rows={3}
          value={question}
          onChange={setQuestion}
          wide
          missing={{ text: t('intelligence.forms.rfi.questionMissing'), testId: 'intel-rfi-question-missing' }}
        />
        <SelectField label={t('intelligence.rfi.priority')} values={RFI_PRIORITIES} value={priority} onChange={setPriority} name={(value) => t(`intelligence.rfi.priorities.${value}`)} testId="intel-rfi-priority" />
        <TextField field="replyDue" label={t('intelligence.forms.rfi.replyDue')} testId="intel-rfi-reply-due-input" time value={replyDue} onChange={setReplyDue} />
        <FormLanguage />
        <FormPlace />
      </div>
      <p className="hint">{t('intelligence.forms.rfi.replyDueHint')}</p>
      <div className="form-actions">
        <FormSubmit>{t('intelligence.forms.rfi.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** The asker closes its request: answered, or left unanswered; with a note if it wants. */
export function RfiCloseForm({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<RfiOutcome>('answered');
  const [note, setNote] = useState('');
  const draft = (language: string): Draft<never> => {
    const payload: JsonObject = { outcome, language, ...(note.trim() === '' ? {} : { note: note.trim() }) };
    return { payload };
  };
  return (
    <ItemForm type="intel.rfi.close" testId="intel-rfi-close" className="answer-form deesc-form" place={target} references={[target.id]} draft={draft} onEntered={onDone}>
      <Choices
        legend={t('intelligence.forms.close.outcome')}
        values={RFI_OUTCOMES}
        value={outcome}
        onChange={setOutcome}
        label={(value) => t(`intelligence.rfi.outcomes.${value}`)}
        explanation={(value) => t(`intelligence.forms.close.explained.${value}`)}
        testId="intel-rfi-close-outcome"
      />
      <TextField field="note" label={t('intelligence.forms.close.note')} testId="intel-rfi-close-note-input" rows={2} value={note} onChange={setNote} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('intelligence.forms.close.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** Offered to the asker's party on its own open request. */
const mayClose = ({ target, reader, graph, members }: ActionContext): boolean =>
  target.type === 'intel.rfi' && target.authorParty === reader.party && rfiState(target.id, graph, members) === 'open';

export const closeRfiAction: ItemAction = { id: 'closeRfi', offered: mayClose, Panel: RfiCloseForm };
