import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionPanelProps } from '../../item-types/web-item-type.ts';
import { EvidenceField, useEvidenceUploads } from '../deescalation/evidence-field.tsx';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm, type Draft, type ItemPlace } from '../forms/item-form.tsx';
import { useStateName } from './state-names.ts';
import { useDisputeProblemText, withEvidence, type DisputeProblem } from './form-parts.ts';
import { currentStep } from './dispute-record.ts';
import { disputeOfItem, useDisputeIndex } from './use-disputes.ts';

/**
 * A side's position in the stage the dispute is in: the response to the notice, or its
 * position once the supervisor opened a stage. It answers the item that asked it (the dispute,
 * or the stage decision), in its compartment and track.
 */
export function ResponseForm({ place, subject, onDone }: { place: ItemPlace; subject: string; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const stateName = useStateName();
  const problemText = useDisputeProblemText();
  const uploads = useEvidenceUploads();
  const [position, setPosition] = useState('');
  const record = disputeOfItem(useDisputeIndex(), subject);
  const stage = record && currentStep(record)?.stage;
  const draft = (language: string): Draft<DisputeProblem> => (position.trim() === '' ? { missing: 'position' } : withEvidence({ position: position.trim(), language }, uploads));
  return (
    <ItemForm type="dispute.response" testId="dispute-response" className="answer-form dispute-form" place={place} references={[subject]} draft={draft} status={{ problemText }} onEntered={onDone}>
      <p className="hint">{stage === undefined || stage === 'notice' ? t('disputes.respond.leadNotice') : t('disputes.respond.leadStage', { stage: stateName(stage) })}</p>
      <TextField field="position" label={t('disputes.respond.position')} testId="dispute-response-position" rows={4} value={position} onChange={setPosition} wide missing={{ text: t('disputes.respond.positionMissing'), testId: 'dispute-response-position-missing' }} />
      <EvidenceField uploads={uploads} label={t('disputes.evidence')} testId="dispute-response-evidence" />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('disputes.respond.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** The response, as an action on the item that asks it. */
export function RespondPanel({ target, onDone }: ActionPanelProps) {
  return <ResponseForm place={target} subject={target.id} onDone={onDone} />;
}
