import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPUTE_OUTCOMES, type DisputeNextStage, type DisputeOutcome } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { usePartyName } from '../../components/use-names.ts';
import type { ActionPanelProps } from '../../item-types/web-item-type.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { Choices } from '../deescalation/form-parts.tsx';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm, type Draft, type ItemPlace } from '../forms/item-form.tsx';
import { authorPartyOf } from '../items/item-graph.ts';
import { disputeParties, type DisputeRecord } from './dispute-record.ts';
import { useDisputeProblemText, type DisputeProblem } from './form-parts.ts';
import { useResolution } from './resolution-state.ts';
import { laterStages, proposalsOf } from './stages.ts';
import { useStateName } from './state-names.ts';
import { disputeOfItem, useDisputeIndex } from './use-disputes.ts';

const placeOf = (record: DisputeRecord): ItemPlace => ({ compartment: record.compartment, track: record.track });

/** A side proposes moving the dispute to a later stage, and says why; the supervisor decides. */
export function ProposalForm({ record, onDone }: { record: DisputeRecord; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const stateName = useStateName();
  const stages = laterStages(record.state);
  const [to, setTo] = useState<DisputeNextStage | undefined>(stages[0]);
  const [reason, setReason] = useState('');
  const draft = (language: string): Draft<DisputeProblem> => {
    if (to === undefined) return { problem: 'noStage', field: 'to' };
    return reason.trim() === '' ? { missing: 'reason' } : { payload: { to, reason: reason.trim(), language } };
  };
  const problemText = useDisputeProblemText();
  return (
    <ItemForm type="dispute.stage.proposal" testId="dispute-proposal" className="answer-form dispute-form" place={placeOf(record)} references={[record.id]} draft={draft} status={{ problemText }} onEntered={onDone}>
      <p className="hint">{t('disputes.propose.lead')}</p>
      {to !== undefined && <Choices legend={t('disputes.propose.to')} values={stages} value={to} onChange={setTo} label={stateName} explanation={(stage) => t(`disputes.stageExplained.${stage}`)} testId="dispute-proposal-to" />}
      <TextField field="reason" label={t('disputes.propose.reason')} testId="dispute-proposal-reason" rows={3} value={reason} onChange={setReason} wide missing={{ text: t('disputes.propose.reasonMissing'), testId: 'dispute-proposal-reason-missing' }} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('disputes.propose.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/**
 * The supervisor moves the dispute on, forward only, skipping a stage if need be; accepting a
 * side's proposal (it answers it) or on its own judgement, with its reason if it gives one.
 */
export function StageForm({ record, proposal: proposed, onDone }: { record: DisputeRecord; proposal?: string | undefined; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const stateName = useStateName();
  const partyName = usePartyName();
  const { snapshot } = useRecordSync();
  const problemText = useDisputeProblemText();
  const stages = laterStages(record.state);
  const open = proposalsOf(record).filter((candidate) => candidate.open);
  const [proposal, setProposal] = useState(open.some((candidate) => candidate.item.id === proposed) ? (proposed ?? '') : '');
  const accepted = open.find((candidate) => candidate.item.id === proposal);
  const [to, setTo] = useState<DisputeNextStage | undefined>(accepted?.payload.to ?? stages[0]);
  const [reason, setReason] = useState('');
  const choose = (next: string) => {
    setProposal(next);
    const chosen = open.find((candidate) => candidate.item.id === next);
    if (chosen) setTo(chosen.payload.to);
  };
  const draft = (language: string): Draft<DisputeProblem> => {
    if (to === undefined) return { problem: 'noStage', field: 'to' };
    const payload: JsonObject = { to, sides: disputeParties(record), language, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) };
    return { payload };
  };
  return (
    <ItemForm
      type="dispute.stage"
      testId="dispute-stage"
      className="answer-form dispute-form"
      place={placeOf(record)}
      references={accepted && accepted.payload.to === to ? [record.id, accepted.item.id] : [record.id]}
      draft={draft}
      status={{ problemText }}
      onEntered={onDone}
    >
      <p className="hint">{t('disputes.decide.lead')}</p>
      {open.length > 0 && (
        <div className="field field-wide">
          <label htmlFor={id}>{t('disputes.decide.proposal')}</label>
          <select id={id} data-testid="dispute-stage-proposal" value={proposal} onChange={(event) => choose(event.target.value)}>
            <option value="">{t('disputes.decide.noProposal')}</option>
            {open.map((candidate) => (
              <option key={candidate.item.id} value={candidate.item.id}>
                {t('disputes.decide.proposalLine', { party: partyName(authorPartyOf(candidate.item, snapshot.members) ?? ''), stage: stateName(candidate.payload.to) })}
              </option>
            ))}
          </select>
        </div>
      )}
      {to !== undefined && <Choices legend={t('disputes.decide.to')} values={stages} value={to} onChange={setTo} label={stateName} explanation={(stage) => t(`disputes.stageExplained.${stage}`)} testId="dispute-stage-to" />}
      <TextField field="reason" label={t('disputes.decide.reason')} testId="dispute-stage-reason" rows={2} value={reason} onChange={setReason} wide />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('disputes.decide.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/**
 * The supervisor records how the dispute ends: resolved (only in its resolution stage, with the
 * resolution in force), unresolved with the reason, or referred elsewhere with the reason.
 */
export function CloseForm({ record, onDone }: { record: DisputeRecord; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const problemText = useDisputeProblemText();
  const resolution = useResolution(record);
  const resolvable = record.state === 'resolution' && resolution?.status.inForce !== undefined;
  const outcomes = DISPUTE_OUTCOMES.filter((outcome) => outcome !== 'resolved' || resolvable);
  const [outcome, setOutcome] = useState<DisputeOutcome>(outcomes[0] ?? 'unresolved');
  const [reason, setReason] = useState('');
  const [referredTo, setReferredTo] = useState('');
  const draft = (language: string): Draft<DisputeProblem> => {
    if (outcome !== 'resolved' && reason.trim() === '') return { missing: 'reason' };
    if (outcome === 'referred' && referredTo.trim() === '') return { missing: 'referredTo' };
    const payload: JsonObject = { outcome, language, ...(reason.trim() === '' ? {} : { reason: reason.trim() }), ...(outcome === 'referred' ? { referredTo: referredTo.trim() } : {}) };
    return { payload };
  };
  return (
    <ItemForm type="dispute.close" testId="dispute-close" className="answer-form dispute-form" place={placeOf(record)} references={[record.id]} draft={draft} status={{ problemText }} onEntered={onDone}>
      <Choices legend={t('disputes.close.outcome')} values={outcomes} value={outcome} onChange={setOutcome} label={(value) => t(`disputes.outcomes.${value}`)} explanation={(value) => t(`disputes.close.explained.${value}`)} testId="dispute-close-outcome" />
      {!resolvable && <p className="hint" data-testid="dispute-close-not-resolvable">{t('disputes.close.notResolvable')}</p>}
      <TextField
        field="reason"
        label={outcome === 'resolved' ? t('disputes.close.noteOptional') : t('disputes.close.reason')}
        testId="dispute-close-reason"
        rows={2}
        value={reason}
        onChange={setReason}
        wide
        missing={{ text: t('disputes.close.reasonMissing'), testId: 'dispute-close-reason-missing' }}
      />
      {outcome === 'referred' && <TextField field="referredTo" label={t('disputes.close.referredTo')} testId="dispute-close-referred-to" value={referredTo} onChange={setReferredTo} wide missing={{ text: t('disputes.close.referredToMissing'), testId: 'dispute-close-referred-to-missing' }} />}
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit className={outcome === 'resolved' ? 'button button-primary' : 'button button-danger'}>{t('disputes.close.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** Each form as an action on the dispute's own card, finding the dispute it is on. */
function onDispute(Form: (props: { record: DisputeRecord; onDone?: (() => void) | undefined }) => ReactElement | null) {
  return function Panel({ target, onDone }: ActionPanelProps) {
    const record = disputeOfItem(useDisputeIndex(), target.id);
    return record ? <Form record={record} onDone={onDone} /> : null;
  };
}

export const ProposalPanel = onDispute(ProposalForm);
export const StagePanel = onDispute(StageForm);
export const ClosePanel = onDispute(CloseForm);
