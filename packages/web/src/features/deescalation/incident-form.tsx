import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonObject } from '@fusion-cell/record';
import { usePartyName } from '../../components/use-names.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { TextField } from '../forms/form-field.tsx';
import { useItemFormContext } from '../forms/item-form-context.ts';
import { FormLanguage, FormPlace, FormSubmit, ItemForm, type Draft, type ItemPlace } from '../forms/item-form.tsx';
import { localInputToIso } from '../forms/local-time.ts';
import { AreaField, areaValue, useAreaInput } from './area-field.tsx';
import { EvidenceField, useEvidenceUploads } from './evidence-field.tsx';
import { FormNote, useDeescalationProblemText, type DeescalationProblem } from './form-parts.tsx';

/** The party alleged responsible, among those who read the compartment the incident is reported in; or none. */
function AllegedPartySelect({ value, onChange, fixed }: { value: string; onChange: (party: string) => void; fixed: string | undefined }) {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const form = useItemFormContext();
  const partyName = usePartyName();
  const id = useId();
  const compartment = fixed ?? form.place?.compartment;
  const parties = session.compartments.find((candidate) => candidate.id === compartment)?.parties ?? [];
  return (
    <div className="field">
      <label htmlFor={id}>{t('deescalation.forms.incident.allegedParty')}</label>
      <select id={id} data-testid="incident-alleged-party-select" value={parties.includes(value) ? value : ''} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('deescalation.forms.incident.unattributed')}</option>
        {parties.map((party) => (
          <option key={party} value={party}>
            {partyName(party)}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Reports an incident: what happened, in its language; where (a point by latitude and longitude,
 * or an area drawn or pasted); when, in the author's time zone; the evidence, each file uploaded
 * as it is chosen; and, when it alleges a violation, the article and the party alleged
 * responsible: it then enters the violation register.
 */
export function IncidentForm({ place }: { place?: ItemPlace | undefined }) {
  const { t } = useTranslation();
  const problemText = useDeescalationProblemText();
  const [what, setWhat] = useState('');
  const [occurredAt, setOccurredAt] = useState('');
  const location = useAreaInput('place');
  const uploads = useEvidenceUploads();
  const [violation, setViolation] = useState(false);
  const [article, setArticle] = useState('');
  const [allegedParty, setAllegedParty] = useState('');

  const draft = (language: string): Draft<DeescalationProblem> => {
    if (what.trim() === '') return { missing: 'what' };
    const occurred = localInputToIso(occurredAt);
    if (occurred === undefined) return { missing: 'occurredAt' };
    const where = areaValue(location);
    if ('missing' in where) return { missing: 'place' };
    if ('invalid' in where) return { problem: 'area', field: 'place' };
    if (uploads.pending) return { problem: 'uploading', field: 'evidence' };
    if (uploads.failed) return { problem: 'uploadFailed', field: 'evidence' };
    const payload: JsonObject = {
      what: what.trim(),
      language,
      place: where.value as unknown as JsonObject,
      occurredAt: occurred,
      violation,
      ...(uploads.evidence.length > 0 ? { evidence: uploads.evidence as unknown as JsonObject[] } : {}),
      // An article and a party responsible belong to an alleged violation only.
      ...(violation && article.trim() !== '' ? { article: article.trim() } : {}),
      ...(violation && allegedParty !== '' ? { allegedParty } : {}),
    };
    return { payload };
  };

  return (
    <ItemForm
      type="incident.report"
      testId="incident"
      className="deesc-form incident-form"
      place={place}
      preferredTrack="deescalation"
      draft={draft}
      status={{ problemText }}
      onEntered={() => {
        setWhat('');
        setOccurredAt('');
        location.setText('');
        uploads.clear();
        setViolation(false);
        setArticle('');
        setAllegedParty('');
      }}
    >
      <div className="form-grid">
        <TextField
          field="what"
          label={t('deescalation.forms.incident.what')}
          testId="incident-what-input"
          rows={4}
          value={what}
          onChange={setWhat}
          wide
          missing={{ text: t('deescalation.forms.incident.whatMissing'), testId: 'incident-what-missing' }}
        />
        <FormLanguage />
        <TextField
          field="occurredAt"
          label={t('deescalation.forms.incident.occurredAt')}
          testId="incident-occurred-at-input"
          time
          value={occurredAt}
          onChange={setOccurredAt}
          missing={{ text: t('deescalation.forms.incident.occurredAtMissing'), testId: 'incident-occurred-at-missing' }}
        />
        <AreaField input={location} field="place" label={t('deescalation.forms.incident.place')} testId="incident-place" />
        <EvidenceField uploads={uploads} label={t('deescalation.forms.evidence')} testId="incident-evidence" />
        <fieldset className="field field-wide deesc-violation">
          <legend>{t('deescalation.forms.incident.register')}</legend>
          <label className="checkbox deesc-checkbox">
            <input type="checkbox" data-testid="incident-violation-input" checked={violation} onChange={(event) => setViolation(event.target.checked)} />
            {t('deescalation.forms.incident.violation')}
          </label>
          <p className="hint">{t('deescalation.forms.incident.violationHint')}</p>
          {violation && (
            <div className="form-grid">
              <TextField field="article" label={t('deescalation.forms.incident.article')} testId="incident-article-input" value={article} onChange={setArticle} />
              <AllegedPartySelect value={allegedParty} onChange={setAllegedParty} fixed={place?.compartment} />
            </div>
          )}
        </fieldset>
        <FormPlace />
      </div>
      {violation && <FormNote>{t('deescalation.forms.incident.registerNote')}</FormNote>}
      <div className="form-actions">
        <FormSubmit>{t('deescalation.forms.incident.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}
