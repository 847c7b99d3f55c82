import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { itemTypeDefinition, requirementOf } from '@fusion-cell/protocol';
import type { ActionContext, ActionPanelProps, ItemAction } from '../../item-types/web-item-type.ts';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm } from '../forms/item-form.tsx';
import { answersOfType, authorPartyOf } from './item-graph.ts';
import { requiredParties } from './requirements.ts';

/** The one text an answer carries: a clarification's question, or a reply's answer. */
type AnswerField = 'question' | 'answer';

/**
 * Writes the one text an answer carries in its language, and enters it referring to the item
 * it answers, in that item's compartment and track.
 */
export function AnswerForm({ target, onDone, type, field, testId }: ActionPanelProps & { type: string; field: AnswerField; testId: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <ItemForm
      type={type}
      testId={testId}
      formTestId={testId}
      className="answer-form"
      attributes={{ 'data-kind': type }}
      place={target}
      references={[target.id]}
      draft={(language) => (text.trim() === '' ? { missing: field } : { payload: { [field]: text.trim(), language } })}
      onEntered={() => {
        setText('');
        onDone?.();
      }}
    >
      <TextField field={field} label={t(`answers.${field}Label`)} testId={`${testId}-text`} rows={3} value={text} onChange={setText} missing={{ text: t(`answers.${field}Missing`), testId: `${testId}-missing` }} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t(`answers.submit.${field === 'question' ? 'clarification' : 'reply'}`)}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/**
 * Anything said can be unclear: not the cell's own entries, which no party answers for, nor
 * an answer without words of its own (a bare acknowledgment level).
 */
function saysSomething({ target }: ActionContext): boolean {
  const definition = itemTypeDefinition(target.type);
  if (!definition || definition.cellOnly) return false;
  return definition.answers === undefined || definition.summary.some((name) => typeof target.payload[name] === 'string');
}

/** Asking, with an item of `type`, what another party's item means. */
export function clarifyAction(type: string): ItemAction {
  return {
    id: 'clarify',
    offered: saysSomething,
    Panel: (props) => <AnswerForm {...props} type={type} field="question" testId="clarify-form" />,
  };
}

/**
 * Replying with an item of `type` to a request whose rule asks for one (the cell's rules), by
 * a party the request asks (the protocol's `requiredParties`) that has not replied yet.
 */
export function replyAction(type: string): ItemAction {
  const awaited = ({ target, reader, cell, graph, members }: ActionContext) => {
    const requirement = requirementOf(target, cell.rules);
    if (requirement?.kind !== 'reply' || requirement.type !== type || target.authorParty === undefined) return false;
    if (!requiredParties(cell, target.compartment.parties, target.authorParty).includes(reader.party)) return false;
    return !answersOfType(target.id, graph, type).some((reply) => authorPartyOf(reply, members) === reader.party);
  };
  return {
    id: 'reply',
    offered: awaited,
    meets: (owed) => owed.kind === 'reply' && owed.required === type,
    Panel: (props) => <AnswerForm {...props} type={type} field="answer" testId="reply-form" />,
  };
}
