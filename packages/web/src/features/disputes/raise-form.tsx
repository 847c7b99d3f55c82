import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonObject } from '@fusion-cell/record';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import type { ActionPanelProps } from '../../item-types/web-item-type.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import type { SyncedItem } from '../../sync/sync-types.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { EvidenceField, useEvidenceUploads } from '../deescalation/evidence-field.tsx';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm, type Draft } from '../forms/item-form.tsx';
import { authorPartyOf, useItemGraph } from '../items/item-graph.ts';
import { summarize } from '../items/item-summary.ts';
import { useTypeName } from '../items/type-names.ts';
import { defaultRespondents, disputableItems, MAX_DISPUTED, otherSides } from './disputable.ts';
import { useDisputeProblemText, withEvidence, type DisputeProblem } from './form-parts.ts';

/** An item named in a line: its type, its party, its opening words. */
function useItemLine(): (item: SyncedItem) => string {
  const typeName = useTypeName();
  const partyName = usePartyName();
  const format = useFormatters();
  const { snapshot } = useRecordSync();
  return (item) => {
    const envelope = item.signed?.envelope;
    if (!envelope) return item.id;
    const party = authorPartyOf(item, snapshot.members);
    const summary = summarize(envelope.payload, envelope.type);
    const words = summary ? ` — ${summary.text.length > 70 ? `${summary.text.slice(0, 70)}…` : summary.text}` : '';
    return `${typeName(envelope.type)} · ${party ? partyName(party) : ''} · ${format.dateTime(item.receivedAt)}${words}`;
  };
}

/** The items the dispute is about: the one it was raised from, and any others of the compartment the author adds. */
function DisputedItems({ compartment, chosen, onChange }: { compartment: string; chosen: readonly string[]; onChange: (items: string[]) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { snapshot } = useRecordSync();
  const graph = useItemGraph();
  const line = useItemLine();
  const candidates = disputableItems(snapshot.items.get(compartment) ?? [], chosen).slice(0, 100);
  return (
    <div className="field field-wide dispute-items-field" data-testid="dispute-items">
      <p className="field-label">{t('disputes.raise.items')}</p>
      <ol className="dispute-items-chosen">
        {chosen.map((item, position) => {
          const found = graph.byId.get(item);
          return (
            <li key={item} data-testid="dispute-item-chosen" data-item={item}>
              <span dir="auto">{found ? line(found) : item}</span>
              {position > 0 && (
                <button type="button" className="button button-small button-link" data-testid="dispute-item-remove" onClick={() => onChange(chosen.filter((other) => other !== item))}>
                  {t('disputes.raise.removeItem')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {chosen.length < MAX_DISPUTED && candidates.length > 0 && (
        <>
          <label htmlFor={id}>{t('disputes.raise.addItem')}</label>
          <select id={id} data-testid="dispute-item-add" value="" onChange={(event) => event.target.value !== '' && onChange([...chosen, event.target.value])}>
            <option value="">{t('disputes.raise.chooseItem')}</option>
            {candidates.map((item) => (
              <option key={item.id} value={item.id}>
                {line(item)}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}

/** The other sides of the compartment, those the dispute is put to ticked. */
function RespondentsField({ sides, chosen, onChange, invalid }: { sides: readonly string[]; chosen: readonly string[]; onChange: (parties: string[]) => void; invalid: boolean }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  return (
    <fieldset className="field field-wide dispute-respondents" data-testid="dispute-respondents" aria-invalid={invalid}>
      <legend>{t('disputes.raise.respondents')}</legend>
      <p className="hint">{t('disputes.raise.respondentsHint')}</p>
      {sides.map((party) => (
        <label key={party} className="checkbox">
          <input
            type="checkbox"
            data-testid={`dispute-respondent-${party}`}
            checked={chosen.includes(party)}
            onChange={(event) => onChange(event.target.checked ? [...chosen, party] : chosen.filter((other) => other !== party))}
          />
          {partyName(party)}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A side raises a dispute about the item it is on (a translation included): what is disputed in
 * a line, its position, the parties that must respond (by default the item's own party, when it
 * is another side), other items of the compartment it is also about, and its evidence. It is
 * entered in the item's compartment and track.
 */
export function RaiseDisputePanel({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const { session, cell } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const graph = useItemGraph();
  const problemText = useDisputeProblemText();
  const uploads = useEvidenceUploads();
  const item = graph.byId.get(target.id);
  const parties = session.compartments.find((compartment) => compartment.id === target.compartment)?.parties ?? [];
  const sides = otherSides(parties, session.party.id, (party) => cell.parties.find((candidate) => candidate.id === party)?.kind);
  const [subject, setSubject] = useState('');
  const [statement, setStatement] = useState('');
  const [respondents, setRespondents] = useState(() => defaultRespondents(sides, session.party.id, item && authorPartyOf(item, snapshot.members)));
  const [items, setItems] = useState<string[]>([target.id]);

  const draft = (language: string): Draft<DisputeProblem> => {
    if (subject.trim() === '') return { missing: 'subject' };
    if (statement.trim() === '') return { missing: 'statement' };
    if (respondents.length === 0) return { problem: 'noRespondent', field: 'respondents' };
    const ordered = sides.filter((party) => respondents.includes(party));
    return withEvidence({ subject: subject.trim(), statement: statement.trim(), respondents: ordered, language } satisfies JsonObject, uploads);
  };

  return (
    <ItemForm type="dispute" testId="dispute-raise" className="answer-form dispute-form" place={target} references={items} draft={draft} status={{ problemText }} onEntered={onDone}>
      <p className="hint">{t('disputes.raise.lead')}</p>
      <TextField field="subject" label={t('disputes.raise.subject')} testId="dispute-raise-subject" value={subject} onChange={setSubject} wide missing={{ text: t('disputes.raise.subjectMissing'), testId: 'dispute-raise-subject-missing' }} />
      <TextField field="statement" label={t('disputes.raise.statement')} testId="dispute-raise-statement" rows={4} value={statement} onChange={setStatement} wide missing={{ text: t('disputes.raise.statementMissing'), testId: 'dispute-raise-statement-missing' }} />
      <RespondentsField sides={sides} chosen={respondents} onChange={setRespondents} invalid={respondents.length === 0} />
      <DisputedItems compartment={target.compartment} chosen={items} onChange={setItems} />
      <EvidenceField uploads={uploads} label={t('disputes.evidence')} testId="dispute-raise-evidence" />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('disputes.raise.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}
