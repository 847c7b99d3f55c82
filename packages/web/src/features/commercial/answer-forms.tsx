import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityMove } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import type { ActionContext, ActionPanelProps, AnswerTarget, ItemAction } from '../../item-types/web-item-type.ts';
import { Choices, FormNote } from '../deescalation/form-parts.tsx';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm } from '../forms/item-form.tsx';
import { authorPartyOf } from '../items/item-graph.ts';
import { movesFrom, opportunityStatus, takesInterest, useOpportunityEntry } from './pipeline-state.ts';

/** Where an opportunity stands, from the record an action is offered on. */
const statusIn = ({ target, graph, members }: ActionContext) => opportunityStatus(target.id, graph, members);

/** Another party says it is interested, and what it has in mind; the proposer's party then owes it an acknowledgment. */
export function InterestForm({ target, onDone, testId = 'interest' }: { target: AnswerTarget; onDone?: (() => void) | undefined; testId?: string }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <ItemForm
      type="interest"
      testId={testId}
      className="answer-form commercial-form"
      place={target}
      references={[target.id]}
      draft={(language) => (note.trim() === '' ? { missing: 'note' } : { payload: { note: note.trim(), language } })}
      onEntered={() => {
        setNote('');
        onDone?.();
      }}
    >
      <TextField field="note" label={t('commercial.interest.note')} testId={`${testId}-note-input`} rows={3} value={note} onChange={setNote} missing={{ text: t('commercial.interest.noteMissing'), testId: `${testId}-note-missing` }} />
      <FormNote>{t('commercial.interest.explained')}</FormNote>
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('commercial.interest.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/**
 * The proposer's party moves its opportunity one step along the pipeline (or withdraws it), with a
 * note if it gives one: the move is an item in the record like any other.
 */
export function MoveForm({ target, moves, initial, onDone, testId = 'move' }: { target: AnswerTarget; moves: readonly OpportunityMove[]; initial?: OpportunityMove; onDone?: (() => void) | undefined; testId?: string }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<OpportunityMove | undefined>(initial);
  const [note, setNote] = useState('');
  const to = chosen !== undefined && moves.includes(chosen) ? chosen : moves[0];
  if (to === undefined) return null;
  return (
    <ItemForm
      type="opportunity.move"
      testId={testId}
      className="answer-form commercial-form"
      attributes={{ 'data-to': to }}
      place={target}
      references={[target.id]}
      draft={(language) => {
        const payload: JsonObject = { to, ...(note.trim() === '' ? {} : { note: note.trim(), language }) };
        return { payload };
      }}
      status={{ conflict: t('commercial.move.conflict') }}
      onEntered={() => {
        setNote('');
        onDone?.();
      }}
    >
      {moves.length > 1 && (
        <Choices legend={t('commercial.move.to')} values={moves} value={to} onChange={setChosen} label={(value) => t(`commercial.statuses.${value}`)} explanation={(value) => t(`commercial.move.explained.${value}`)} testId={`${testId}-to`} />
      )}
      {moves.length === 1 && <FormNote>{t(`commercial.move.explained.${to}`)}</FormNote>}
      <TextField field="note" label={t('commercial.move.note')} testId={`${testId}-note-input`} rows={2} value={note} onChange={setNote} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit className={to === 'withdrawn' ? 'button button-danger' : 'button button-primary'}>{t(`commercial.move.submit.${to}`)}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** The move panel of an opportunity's action bar: the moves open from where it stands now. */
function MovePanel({ target, onDone }: ActionPanelProps) {
  const entry = useOpportunityEntry(target.id);
  if (!entry) return null;
  return <MoveForm target={target} moves={movesFrom(entry.status)} onDone={onDone} />;
}

function InterestPanel({ target, onDone }: ActionPanelProps) {
  return <InterestForm target={target} onDone={onDone} />;
}

/** Whether the reader's party already expressed interest in the opportunity. */
const interestedAlready = ({ target, reader, graph, members }: ActionContext) =>
  (graph.answers.get(target.id) ?? []).some((answer) => answer.signed?.envelope.type === 'interest' && authorPartyOf(answer, members) === reader.party);

/** Offered to the other parties while the opportunity still takes interest, until their party expressed it. */
export const interestAction: ItemAction = {
  id: 'interest',
  offered: (context) => {
    const status = statusIn(context);
    return status !== undefined && takesInterest(status) && !interestedAlready(context);
  },
  Panel: InterestPanel,
};

/** Offered to the proposer's party while a move is open to it. */
export const moveAction: ItemAction = {
  id: 'move',
  offered: (context) => {
    if (context.target.type !== 'opportunity' || context.target.authorParty !== context.reader.party) return false;
    const status = statusIn(context);
    return status !== undefined && movesFrom(status).length > 0;
  },
  Panel: MovePanel,
};
