import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DisputeResolutionPayload } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { usePartyName } from '../../components/use-names.ts';
import type { ActionPanelProps } from '../../item-types/web-item-type.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm, type Draft } from '../forms/item-form.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import type { DisputeRecord } from './dispute-record.ts';
import { resolutionSigners, useResolution } from './resolution-state.ts';
import { disputeOfItem, useDisputeIndex } from './use-disputes.ts';

/**
 * The resolution's text: its first version, which names the dispute, or the next version of the
 * latest (prefilled from it, saying what it changes). The raiser, the respondents and the
 * supervisors sign it; once all have signed one version it is in force and takes no other.
 */
export function ResolutionForm({ record, previous, onDone }: { record: DisputeRecord; previous?: string | undefined; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const { session, cell } = useAuthenticated();
  const graph = useItemGraph();
  const earlier = DisputeResolutionPayload.safeParse(previous === undefined ? undefined : graph.byId.get(previous)?.signed?.envelope.payload);
  const [text, setText] = useState(earlier.success ? earlier.data.text : '');
  const [amendment, setAmendment] = useState('');
  const audience = session.compartments.find((compartment) => compartment.id === record.compartment)?.parties ?? [];
  const parties = resolutionSigners(record, audience, (party) => cell.parties.find((candidate) => candidate.id === party)?.kind);
  const draft = (language: string): Draft<never> => {
    if (text.trim() === '') return { missing: 'text' };
    if (previous !== undefined && amendment.trim() === '') return { missing: 'amendment' };
    const payload: JsonObject = { dispute: record.id, parties, text: text.trim(), language, ...(previous === undefined ? {} : { amendment: amendment.trim() }) };
    return { payload };
  };
  return (
    <ItemForm
      type="dispute.resolution"
      testId="dispute-resolution"
      className="answer-form dispute-form"
      place={{ compartment: record.compartment, track: record.track }}
      references={[previous ?? record.id]}
      draft={draft}
      initialLanguage={earlier.success ? earlier.data.language : undefined}
      onEntered={onDone}
    >
      <p className="hint" data-testid="dispute-resolution-signers">
        {t('disputes.resolution.signers', { parties: parties.map(partyName).join(', ') })}
      </p>
      {previous !== undefined && (
        <TextField field="amendment" label={t('disputes.resolution.amendment')} testId="dispute-resolution-amendment" rows={2} value={amendment} onChange={setAmendment} wide missing={{ text: t('disputes.resolution.amendmentMissing'), testId: 'dispute-resolution-amendment-missing' }} />
      )}
      <TextField field="text" label={t('disputes.resolution.text')} testId="dispute-resolution-text" rows={8} value={text} onChange={setText} wide missing={{ text: t('disputes.resolution.textMissing'), testId: 'dispute-resolution-text-missing' }} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{previous === undefined ? t('disputes.resolution.submitFirst') : t('disputes.resolution.submitNext')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** The first draft, as an action on the dispute's card. */
export function DraftResolutionPanel({ target, onDone }: ActionPanelProps) {
  const record = disputeOfItem(useDisputeIndex(), target.id);
  return record ? <ResolutionForm record={record} onDone={onDone} /> : null;
}

/** The next version, as an action on the latest. */
export function AmendResolutionPanel({ target, onDone }: ActionPanelProps) {
  const record = disputeOfItem(useDisputeIndex(), target.id);
  return record ? <AmendResolution record={record} onDone={onDone} /> : null;
}

function AmendResolution({ record, onDone }: { record: DisputeRecord; onDone?: (() => void) | undefined }) {
  const resolution = useResolution(record);
  return resolution ? <ResolutionForm record={record} previous={resolution.status.latest.id} onDone={onDone} /> : null;
}
