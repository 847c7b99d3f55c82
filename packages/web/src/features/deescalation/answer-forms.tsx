import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VIOLATION_POSITIONS, VIOLATION_VERDICTS, type ViolationPositionPayload, type ViolationVerdictPayload } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import type { ActionContext, ActionPanelProps, ItemAction } from '../../item-types/web-item-type.ts';
import { TextField } from '../forms/form-field.tsx';
import { useItemFormContext } from '../forms/item-form-context.ts';
import { FormLanguage, FormSubmit, ItemForm, type Draft } from '../forms/item-form.tsx';
import { EvidenceField, useEvidenceUploads } from './evidence-field.tsx';
import { Choices, FormNote, useDeescalationProblemText, type DeescalationProblem } from './form-parts.tsx';
import { mayMoveNotice } from './notice-form.tsx';

type Position = ViolationPositionPayload['status'];
type Verdict = ViolationVerdictPayload['verdict'];

/** A position or a verdict is given on an entry of the violation register only: an incident alleging a violation. */
const onRegisterEntry = ({ target }: ActionContext): boolean => target.payload['violation'] === true;

/** A remedy's evidence, said to be missing under the field once the author tried to sign without it. */
function PositionEvidence({ uploads }: { uploads: ReturnType<typeof useEvidenceUploads> }) {
  const { t } = useTranslation();
  const form = useItemFormContext();
  return (
    <EvidenceField
      uploads={uploads}
      label={t('deescalation.forms.evidence')}
      testId="position-evidence"
      missing={form.missing === 'evidence' ? t('deescalation.forms.position.evidenceMissing') : undefined}
    />
  );
}

/**
 * A side states its position on an alleged violation: it acknowledges it, contests it (with its
 * reason), or reports it remedied (with evidence). A later position replaces its earlier one.
 */
export function PositionForm({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const problemText = useDeescalationProblemText();
  const [status, setStatus] = useState<Position>('acknowledged');
  const [reason, setReason] = useState('');
  const uploads = useEvidenceUploads();

  const draft = (language: string): Draft<DeescalationProblem> => {
    if (status === 'contested' && reason.trim() === '') return { missing: 'reason' };
    if (uploads.pending) return { problem: 'uploading', field: 'evidence' };
    if (uploads.failed) return { problem: 'uploadFailed', field: 'evidence' };
    if (status === 'remedied' && uploads.evidence.length === 0) return { missing: 'evidence' };
    const payload: JsonObject = {
      status,
      ...(reason.trim() === '' ? {} : { reason: reason.trim(), language }),
      ...(uploads.evidence.length > 0 ? { evidence: uploads.evidence as unknown as JsonObject[] } : {}),
    };
    return { payload };
  };

  return (
    <ItemForm type="violation.position" testId="position" formTestId="position-form" className="answer-form deesc-form" place={target} references={[target.id]} draft={draft} status={{ problemText }} onEntered={onDone}>
      <Choices
        legend={t('deescalation.forms.position.status')}
        values={VIOLATION_POSITIONS}
        value={status}
        onChange={setStatus}
        label={(value) => t(`deescalation.positions.${value}`)}
        explanation={(value) => t(`deescalation.forms.position.explained.${value}`)}
        testId="position-status"
      />
      <TextField
        field="reason"
        label={status === 'contested' ? t('deescalation.forms.position.reasonRequired') : t('deescalation.forms.position.reason')}
        testId="position-reason-input"
        rows={3}
        value={reason}
        onChange={setReason}
        missing={{ text: t('deescalation.forms.position.reasonMissing'), testId: 'position-reason-missing' }}
      />
      <PositionEvidence uploads={uploads} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('deescalation.forms.position.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** The supervisor's verdict on an alleged violation, with its findings and any evidence. */
export function VerdictForm({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const problemText = useDeescalationProblemText();
  const [verdict, setVerdict] = useState<Verdict>('verified');
  const [findings, setFindings] = useState('');
  const uploads = useEvidenceUploads();

  const draft = (language: string): Draft<DeescalationProblem> => {
    if (findings.trim() === '') return { missing: 'findings' };
    if (uploads.pending) return { problem: 'uploading', field: 'evidence' };
    if (uploads.failed) return { problem: 'uploadFailed', field: 'evidence' };
    return { payload: { verdict, findings: findings.trim(), language, ...(uploads.evidence.length > 0 ? { evidence: uploads.evidence as unknown as JsonObject[] } : {}) } };
  };

  return (
    <ItemForm type="violation.verdict" testId="verdict" formTestId="verdict-form" className="answer-form deesc-form" place={target} references={[target.id]} draft={draft} status={{ problemText }} onEntered={onDone}>
      <Choices
        legend={t('deescalation.forms.verdict.verdict')}
        values={VIOLATION_VERDICTS}
        value={verdict}
        onChange={setVerdict}
        label={(value) => t(`deescalation.verdicts.${value}`)}
        testId="verdict-choice"
      />
      <TextField
        field="findings"
        label={t('deescalation.verdict.findings')}
        testId="verdict-findings-input"
        rows={4}
        value={findings}
        onChange={setFindings}
        missing={{ text: t('deescalation.forms.verdict.findingsMissing'), testId: 'verdict-findings-missing' }}
      />
      <EvidenceField uploads={uploads} label={t('deescalation.forms.evidence')} testId="verdict-evidence" />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('deescalation.forms.verdict.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** Cancels a standing notice of the reader's party, with a reason if one is given. */
export function CancelForm({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <ItemForm
      type="activity.cancel"
      testId="cancel"
      formTestId="cancel-form"
      className="answer-form deesc-form"
      place={target}
      references={[target.id]}
      draft={(language) => {
        const payload: JsonObject = reason.trim() === '' ? {} : { reason: reason.trim(), language };
        return { payload };
      }}
      onEntered={onDone}
    >
      <FormNote>{t('deescalation.forms.cancel.note')}</FormNote>
      <TextField field="reason" label={t('deescalation.forms.cancel.reason')} testId="cancel-reason-input" rows={2} value={reason} onChange={setReason} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit className="button button-danger">{t('deescalation.forms.cancel.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

export const positionAction: ItemAction = { id: 'position', offered: onRegisterEntry, Panel: PositionForm };
export const verdictAction: ItemAction = { id: 'verdict', offered: onRegisterEntry, Panel: VerdictForm };
export const cancelAction: ItemAction = { id: 'cancel', offered: mayMoveNotice, Panel: CancelForm };
