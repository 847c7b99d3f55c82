import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JointTextPayload, MinutesPayload, passagesOf, VERIFICATION_VERDICTS, type VerificationVerdict } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { usePartyName } from '../../../components/use-names.ts';
import type { ActionContext, ActionPanelProps, ItemAction } from '../../../item-types/web-item-type.ts';
import { Choices } from '../../deescalation/form-parts.tsx';
import { EvidenceField, useEvidenceUploads } from '../../deescalation/evidence-field.tsx';
import { useRecordedPayload } from '../../deescalation/form-parts.tsx';
import { FormField, TextField } from '../../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm, type Draft } from '../../forms/item-form.tsx';
import { localInputToIso } from '../../forms/local-time.ts';
import { useItemGraph } from '../../items/item-graph.ts';
import { documentIn } from '../meetings/minutes-content.tsx';
import { useMeetingsProblemText } from '../meetings/meeting-problems.ts';
import { commitmentStatusOf } from './commitment-state.ts';

/** The decisions of minutes, or the passages of a joint text: what a commitment may name as its source. */
function sourcesOf(type: string, payload: Record<string, unknown> | undefined): { id: string; text: string }[] {
  if (type === 'minutes') {
    const minutes = MinutesPayload.safeParse(payload);
    return minutes.success ? minutes.data.sections.flatMap((section) => section.decisions ?? []) : [];
  }
  const text = JointTextPayload.safeParse(payload);
  return text.success ? passagesOf(text.data).map((passage) => ({ id: passage.id, text: passage.text ?? passage.id })) : [];
}

/** A commitment taken in the agreed minutes or the signed text shown: who owes what, by when, and how it will be verified. */
function RecordPanel({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const problemText = useMeetingsProblemText();
  const payload = useRecordedPayload<Record<string, unknown>>(target.id);
  const parties = Array.isArray(payload?.['parties']) ? (payload['parties'] as string[]) : [];
  const [owner, setOwner] = useState('');
  const [undertaking, setUndertaking] = useState('');
  const [due, setDue] = useState('');
  const [verification, setVerification] = useState('');
  const [source, setSource] = useState('');
  const graph = useItemGraph();
  const sources = sourcesOf(graph.byId.get(target.id)?.signed?.envelope.type ?? '', payload);
  const chosenOwner = owner === '' ? (parties[0] ?? '') : owner;

  const draft = (language: string): Draft<never> => {
    if (undertaking.trim() === '') return { missing: 'undertaking' };
    const dueAt = localInputToIso(due);
    if (dueAt === undefined) return { missing: 'due' };
    if (verification.trim() === '') return { missing: 'verification' };
    const entered: JsonObject = { owner: chosenOwner, undertaking: undertaking.trim(), due: dueAt, verification: verification.trim(), language, ...(source === '' ? {} : { source }) };
    return { payload: entered };
  };

  return (
    <ItemForm type="commitment" testId="commitment" className="answer-form commitment-form" place={target} references={[target.id]} draft={draft} status={{ problemText }} onEntered={onDone}>
      <FormField label={t('meetings.commitment.owner')}>
        {(id) => (
          <select id={id} data-testid="commitment-owner" value={chosenOwner} onChange={(event) => setOwner(event.target.value)}>
            {parties.map((party) => (
              <option key={party} value={party}>
                {partyName(party)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <TextField field="undertaking" label={t('meetings.commitment.undertaking')} testId="commitment-undertaking" rows={3} value={undertaking} onChange={setUndertaking} wide missing={{ text: t('meetings.commitment.undertakingMissing'), testId: 'commitment-undertaking-missing' }} />
      <TextField field="due" label={t('meetings.commitment.due')} testId="commitment-due" time value={due} onChange={setDue} missing={{ text: t('meetings.commitment.dueMissing'), testId: 'commitment-due-missing' }} />
      <TextField field="verification" label={t('meetings.commitment.verification')} testId="commitment-verification" rows={2} value={verification} onChange={setVerification} wide missing={{ text: t('meetings.commitment.verificationMissing'), testId: 'commitment-verification-missing' }} />
      {sources.length > 0 && (
        <FormField label={t('meetings.commitment.source')}>
          {(id) => (
            <select id={id} data-testid="commitment-source" value={source} onChange={(event) => setSource(event.target.value)}>
              <option value="">{t('meetings.commitment.noSource')}</option>
              {sources.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.text.length > 80 ? `${entry.text.slice(0, 80)}…` : entry.text}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('meetings.commitment.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** The owner reports it has done what it undertook, with evidence if it has any. */
function ReportPanel({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState('');
  const uploads = useEvidenceUploads();
  const draft = (language: string): Draft<never> => {
    if (summary.trim() === '') return { missing: 'summary' };
    const evidence = uploads.uploads.flatMap((upload) => (upload.state === 'done' ? [upload.evidence as unknown as JsonObject] : []));
    return { payload: { summary: summary.trim(), language, ...(evidence.length > 0 ? { evidence } : {}) } };
  };
  return (
    <ItemForm type="commitment.report" testId="commitment-report" className="answer-form" place={target} references={[target.id]} draft={draft} onEntered={onDone}>
      <TextField field="summary" label={t('meetings.commitment.summary')} testId="commitment-report-summary" rows={3} value={summary} onChange={setSummary} wide missing={{ text: t('meetings.commitment.summaryMissing'), testId: 'commitment-report-summary-missing' }} />
      <EvidenceField uploads={uploads} label={t('meetings.commitment.evidence')} testId="commitment-report-evidence" />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('meetings.commitment.report')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** A supervisor's finding on a reported commitment: verified, or not (then it is open again), with a note. */
function VerifyPanel({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const [verdict, setVerdict] = useState<VerificationVerdict>('verified');
  const [note, setNote] = useState('');
  return (
    <ItemForm
      type="commitment.verify"
      testId="commitment-verify"
      className="answer-form"
      place={target}
      references={[target.id]}
      draft={(language) => (note.trim() === '' ? { missing: 'note' } : { payload: { verdict, note: note.trim(), language } })}
      onEntered={onDone}
    >
      <Choices legend={t('meetings.commitment.verdict')} values={VERIFICATION_VERDICTS} value={verdict} onChange={setVerdict} label={(value) => t(`meetings.verdicts.${value}`)} testId="commitment-verdict" />
      <TextField field="note" label={t('meetings.commitment.note')} testId="commitment-verify-note" rows={2} value={note} onChange={setNote} wide missing={{ text: t('meetings.commitment.noteMissing'), testId: 'commitment-verify-note-missing' }} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('meetings.commitment.verify')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

const statusIn = ({ target, graph, members, cell }: ActionContext) => commitmentStatusOf(target.id, graph, members, cell, Date.now());

/** Offered on the version in force of agreed minutes or a signed joint text. */
export const recordCommitmentAction: ItemAction = {
  id: 'recordCommitment',
  offered: (context) => (context.target.type === 'minutes' || context.target.type === 'joint.text') && documentIn(context)?.status.inForce?.id === context.target.id,
  Panel: RecordPanel,
};

/** Offered to the owner's party on its commitment while nothing it reported awaits a verdict. */
export const reportDoneAction: ItemAction = {
  id: 'reportDone',
  offered: (context) => context.target.payload['owner'] === context.reader.party && ['open', 'overdue', 'disputed'].includes(statusIn(context) ?? ''),
  meets: (owed) => owed.kind === 'reply' && owed.required === 'commitment.report',
  Panel: ReportPanel,
};

/** Offered to a supervisor on a commitment reported done. */
export const verifyCommitmentAction: ItemAction = {
  id: 'verifyCommitment',
  offered: (context) => context.target.type === 'commitment' && context.reader.partyKind === 'supervisor' && statusIn(context) === 'reported',
  Panel: VerifyPanel,
};
