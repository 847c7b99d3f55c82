import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePartyName } from '../../components/use-names.ts';
import type { ActionPanelProps } from '../../item-types/web-item-type.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { EvidenceField, useEvidenceUploads } from '../deescalation/evidence-field.tsx';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm, type Draft } from '../forms/item-form.tsx';
import { caucusPlaces, type CaucusPlace } from './caucus.ts';
import type { DisputeRecord } from './dispute-record.ts';
import { useDisputeProblemText, withEvidence, type DisputeProblem } from './form-parts.ts';
import { disputeOfItem, useDisputeIndex } from './use-disputes.ts';

/**
 * A message of the private caucus between the supervisor and one side, in that side's caucus
 * compartment: the other side reads nothing of it, and learns nothing of it.
 */
export function CaucusForm({ record, place, hint = true, onDone }: { record: DisputeRecord; place: CaucusPlace; hint?: boolean; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const { session } = useAuthenticated();
  const problemText = useDisputeProblemText();
  const uploads = useEvidenceUploads();
  const [text, setText] = useState('');
  const draft = (language: string): Draft<DisputeProblem> => (text.trim() === '' ? { missing: 'text' } : withEvidence({ text: text.trim(), language }, uploads));
  const entered = () => {
    setText('');
    uploads.clear();
    onDone?.();
  };
  const testId = `dispute-caucus-${place.side}`;
  return (
    <ItemForm type="dispute.caucus" testId={testId} className="answer-form dispute-form" attributes={{ 'data-compartment': place.compartment }} place={{ compartment: place.compartment, track: record.track }} references={[record.id]} draft={draft} status={{ problemText }} onEntered={entered}>
      {hint && <p className="hint">{session.party.id === place.side ? t('disputes.caucus.privateSide') : t('disputes.caucus.privateSupervisor', { side: partyName(place.side) })}</p>}
      <TextField field="text" label={t('disputes.caucus.text')} testId={`${testId}-text`} rows={3} value={text} onChange={setText} wide missing={{ text: t('disputes.caucus.textMissing'), testId: `${testId}-text-missing` }} />
      <EvidenceField uploads={uploads} label={t('disputes.evidence')} testId={`${testId}-evidence`} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('disputes.caucus.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/** The caucus as an action on the dispute's card: a supervisor first chooses the side. */
export function CaucusPanel({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const id = useId();
  const partyName = usePartyName();
  const { session, cell } = useAuthenticated();
  const record = disputeOfItem(useDisputeIndex(), target.id);
  const places = record ? caucusPlaces(record, { party: session.party.id, partyKind: session.party.kind }, session.compartments, (party) => cell.parties.find((candidate) => candidate.id === party)?.kind) : [];
  const [side, setSide] = useState(places[0]?.side ?? '');
  const place = places.find((candidate) => candidate.side === side) ?? places[0];
  if (!record || !place) return null;
  return (
    <div className="dispute-caucus-panel">
      {places.length > 1 && (
        <div className="field">
          <label htmlFor={id}>{t('disputes.caucus.withSide')}</label>
          <select id={id} data-testid="dispute-caucus-side" value={place.side} onChange={(event) => setSide(event.target.value)}>
            {places.map((candidate) => (
              <option key={candidate.side} value={candidate.side}>
                {partyName(candidate.side)}
              </option>
            ))}
          </select>
        </div>
      )}
      <CaucusForm key={place.side} record={record} place={place} onDone={onDone} />
    </div>
  );
}
