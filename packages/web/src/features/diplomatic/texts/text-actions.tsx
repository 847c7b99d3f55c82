import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passagesOf, SUGGESTION_KINDS, type SuggestedChange } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { Choices } from '../../deescalation/form-parts.tsx';
import { TextField } from '../../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm } from '../../forms/item-form.tsx';
import type { ItemPlace } from '../../forms/item-form.tsx';
import { nextId } from './text-draft.ts';
import type { TextSuggestion, TextVersion } from './joint-text-state.ts';

const place = (compartment: string): ItemPlace => ({ compartment, track: 'diplomatic' });

/**
 * A party brackets a passage of the latest version (it does not agree to it yet), saying why,
 * or lifts its own bracket: a bracket is owned, so no other party is offered to lift it.
 */
export function BracketForm({ compartment, version, passage, action, onDone }: { compartment: string; version: string; passage: string; action: 'raise' | 'lift'; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const testId = `bracket-${action}`;
  return (
    <ItemForm
      type="joint.text.bracket"
      testId={testId}
      className="answer-form text-bracket-form"
      attributes={{ 'data-passage': passage }}
      place={place(compartment)}
      references={[version]}
      draft={(language) => {
        if (action === 'raise' && reason.trim() === '') return { missing: 'reason' };
        const payload: JsonObject = { passage, action, language, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) };
        return { payload };
      }}
      onEntered={onDone}
    >
      <p className="hint">{t(`jointText.bracket.${action}Lead`, { passage })}</p>
      <TextField field="reason" label={t(`jointText.bracket.${action}Reason`)} testId={`${testId}-reason`} rows={2} value={reason} onChange={setReason} wide missing={{ text: t('jointText.bracket.reasonMissing'), testId: `${testId}-reason-missing` }} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t(`jointText.bracket.${action}Submit`)}</FormSubmit>
      </div>
    </ItemForm>
  );
}

type Kind = SuggestedChange['kind'];

/**
 * A side proposes changes to the latest version: a passage reworded, a new passage after
 * another, or a passage removed, with its reason; the pen-holder accepts or rejects them.
 */
export function SuggestionForm({ compartment, version, onDone }: { compartment: string; version: TextVersion; onDone: () => void }) {
  const { t } = useTranslation();
  const passages = passagesOf(version.payload);
  const [kind, setKind] = useState<Kind>('replace');
  const [passage, setPassage] = useState(passages[0]?.id ?? '');
  const [text, setText] = useState(passages[0]?.text ?? '');
  const [reason, setReason] = useState('');
  const choose = (id: string) => {
    setPassage(id);
    if (kind === 'replace') setText(passages.find((entry) => entry.id === id)?.text ?? '');
  };
  const change = (): SuggestedChange => {
    if (kind === 'insert') return { kind, passage: nextId('p', passages.map((entry) => entry.id)), after: passage, text: text.trim() };
    if (kind === 'delete') return { kind, passage };
    return { kind, passage, text: text.trim() };
  };
  return (
    <ItemForm
      type="joint.text.suggestion"
      testId="suggest"
      className="answer-form text-suggestion-form"
      place={place(compartment)}
      references={[version.id]}
      initialLanguage={version.payload.language}
      draft={(language) => {
        if (kind !== 'delete' && text.trim() === '') return { missing: 'text' };
        if (reason.trim() === '') return { missing: 'reason' };
        return { payload: { changes: [change()], reason: reason.trim(), language } as unknown as JsonObject };
      }}
      onEntered={onDone}
    >
      <Choices legend={t('jointText.suggest.kind')} values={SUGGESTION_KINDS} value={kind} onChange={setKind} label={(value) => t(`jointText.suggest.kinds.${value}`)} testId="suggest-kind" />
      <label className="field">
        {kind === 'insert' ? t('jointText.suggest.after') : t('jointText.suggest.passage')}
        <select data-testid="suggest-passage" value={passage} onChange={(event) => choose(event.target.value)}>
          {passages.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.id}
            </option>
          ))}
        </select>
      </label>
      {kind !== 'delete' && <TextField field="text" label={t('jointText.suggest.text')} testId="suggest-text" rows={3} value={text} onChange={setText} wide missing={{ text: t('jointText.suggest.textMissing'), testId: 'suggest-text-missing' }} />}
      <TextField field="reason" label={t('jointText.suggest.reason')} testId="suggest-reason" rows={2} value={reason} onChange={setReason} wide missing={{ text: t('jointText.suggest.reasonMissing'), testId: 'suggest-reason-missing' }} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('jointText.suggest.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/**
 * The pen-holder's answer to a suggestion, always with its reason. Accepting applies its
 * changes to the draft of the next version as the decision is entered.
 */
export function DecisionForm({ compartment, suggestion, decision, onAccepted, onDone }: { compartment: string; suggestion: TextSuggestion; decision: 'accepted' | 'rejected'; onAccepted: (changes: readonly SuggestedChange[]) => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const testId = `decide-${decision}`;
  return (
    <ItemForm
      type="joint.text.decision"
      testId={testId}
      className="answer-form text-decision-form"
      place={place(compartment)}
      references={[suggestion.id]}
      draft={(language) => (reason.trim() === '' ? { missing: 'reason' } : { payload: { decision, reason: reason.trim(), language } })}
      onEntered={() => {
        if (decision === 'accepted') onAccepted(suggestion.payload.changes);
        onDone();
      }}
    >
      <TextField field="reason" label={t('jointText.decide.reason')} testId={`${testId}-reason`} rows={2} value={reason} onChange={setReason} wide missing={{ text: t('jointText.decide.reasonMissing'), testId: `${testId}-reason-missing` }} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit className={decision === 'accepted' ? 'button button-primary' : 'button button-danger'}>{t(`jointText.decide.submit.${decision}`)}</FormSubmit>
      </div>
    </ItemForm>
  );
}
