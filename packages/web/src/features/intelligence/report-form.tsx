import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES, TLP_LEVELS, tlpAllowedIn, type CompartmentKind, type Reliability, type Tlp } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { useAuthenticated } from '../auth/session-context.ts';
import { AreaField, areaValue, useAreaInput } from '../deescalation/area-field.tsx';
import { EvidenceField, useEvidenceUploads } from '../deescalation/evidence-field.tsx';
import { FieldProblem } from '../forms/form-field.tsx';
import { TextField } from '../forms/form-field.tsx';
import { useItemFormContext } from '../forms/item-form-context.ts';
import { FormLanguage, FormPlace, FormSubmit, ItemForm, type Draft, type ItemPlace } from '../forms/item-form.tsx';
import { localInputToIso } from '../forms/local-time.ts';
import { useIntelligenceProblemText, type IntelligenceProblem } from './problems.ts';
import { TlpLabel } from './tlp-marking.tsx';

type Credibility = (typeof CREDIBILITY_GRADES)[number];

/**
 * The marking, chosen among TLP 2.0's five with what each means: none is chosen for the author,
 * and one the compartment's audience would break (AMBER+STRICT in the plenary) is said at once.
 */
function TlpField({ value, onChange, fixedCompartment, onKind }: { value: Tlp | ''; onChange(tlp: Tlp): void; fixedCompartment: string | undefined; onKind(kind: CompartmentKind | undefined): void }) {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const form = useItemFormContext();
  const name = useId();
  const compartment = fixedCompartment ?? form.place?.compartment;
  const kind = session.compartments.find((candidate) => candidate.id === compartment)?.kind;
  useEffect(() => onKind(kind), [kind, onKind]);
  const refused = value !== '' && kind !== undefined && !tlpAllowedIn(value, kind);
  return (
    <fieldset className="field field-wide intel-tlp-choices" data-testid="intel-report-tlp" aria-invalid={form.invalidField === 'tlp' || refused}>
      <legend>{t('intelligence.forms.report.tlp')}</legend>
      {TLP_LEVELS.map((tlp) => (
        <label key={tlp} className="intel-tlp-choice">
          <input
            type="radio"
            name={name}
            value={tlp}
            data-testid={`intel-report-tlp-${tlp}`}
            checked={value === tlp}
            onChange={() => {
              onChange(tlp);
              form.edited('tlp');
            }}
          />
          <TlpLabel tlp={tlp} explain />
        </label>
      ))}
      {form.missing === 'tlp' && <FieldProblem problem={{ text: t('intelligence.forms.report.tlpMissing'), testId: 'intel-report-tlp-missing' }} field="tlp" />}
      {refused && <FieldProblem problem={{ text: t('intelligence.forms.problems.tlpPlenary'), testId: 'intel-report-tlp-refused' }} field="tlp" />}
    </fieldset>
  );
}

/** A grade among fixed values, none chosen until the author does: each spelled out in the reader's language. */
function GradeSelect<Value extends string | number>({ field, label, values, value, onChange, words, missing }: { field: string; label: string; values: readonly Value[]; value: Value | ''; onChange(value: Value): void; words(value: Value): string; missing: string }) {
  const { t } = useTranslation();
  const form = useItemFormContext();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={`intel-report-${field}`}
        value={String(value)}
        aria-invalid={form.invalidField === field}
        onChange={(event) => {
          const chosen = values.find((candidate) => String(candidate) === event.target.value);
          if (chosen !== undefined) onChange(chosen);
          form.edited(field);
        }}
      >
        <option value="">{t('intelligence.forms.report.choose')}</option>
        {values.map((choice) => (
          <option key={choice} value={String(choice)}>
            {`${choice} — ${words(choice)}`}
          </option>
        ))}
      </select>
      {form.missing === field && <FieldProblem problem={{ text: missing, testId: `intel-report-${field}-missing` }} field={field} />}
    </div>
  );
}

/** Caveats as the author types them, one a line; blank lines dropped. */
const caveatsOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * Files a report: its marking and grades first (as its reader will see them), then what it says
 * in its language — title, summary, the authoritative body —, when the information holds, where
 * (optional), handling caveats and evidence. What the cell would refuse is said in the author's
 * language before anything is signed.
 */
export function ReportForm({ place }: { place?: ItemPlace | undefined }) {
  const { t } = useTranslation();
  const problemText = useIntelligenceProblemText();
  const [tlp, setTlp] = useState<Tlp | ''>('');
  const [kind, setKind] = useState<CompartmentKind | undefined>(undefined);
  const [reliability, setReliability] = useState<Reliability | ''>('');
  const [credibility, setCredibility] = useState<Credibility | ''>('');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [body, setBody] = useState('');
  const [informationTime, setInformationTime] = useState('');
  const [caveats, setCaveats] = useState('');
  const location = useAreaInput('place');
  const uploads = useEvidenceUploads();

  const draft = (language: string): Draft<IntelligenceProblem> => {
    if (tlp === '') return { missing: 'tlp' };
    if (kind !== undefined && !tlpAllowedIn(tlp, kind)) return { problem: 'tlpPlenary', field: 'tlp' };
    if (reliability === '') return { missing: 'reliability' };
    if (credibility === '') return { missing: 'credibility' };
    if (title.trim() === '') return { missing: 'title' };
    if (summary.trim() === '') return { missing: 'summary' };
    if (body.trim() === '') return { missing: 'body' };
    const at = localInputToIso(informationTime);
    if (at === undefined) return { missing: 'informationTime' };
    const where = areaValue(location);
    if ('invalid' in where) return { problem: 'location', field: 'location' };
    if (uploads.pending) return { problem: 'uploading', field: 'evidence' };
    if (uploads.failed) return { problem: 'uploadFailed', field: 'evidence' };
    const lines = caveatsOf(caveats);
    const payload: JsonObject = {
      title: title.trim(),
      summary: summary.trim(),
      body: body.trim(),
      language,
      tlp,
      reliability,
      credibility,
      informationTime: at,
      ...('value' in where ? { location: where.value as unknown as JsonObject } : {}),
      ...(uploads.evidence.length > 0 ? { evidence: uploads.evidence as unknown as JsonObject[] } : {}),
      ...(lines.length > 0 ? { caveats: lines } : {}),
    };
    return { payload };
  };

  return (
    <ItemForm
      type="intel.report"
      testId="intel-report"
      className="deesc-form intel-form"
      place={place}
      preferredTrack="intelligence"
      draft={draft}
      status={{ problemText }}
      onEntered={() => {
        setTlp('');
        setReliability('');
        setCredibility('');
        setTitle('');
        setSummary('');
        setBody('');
        setInformationTime('');
        setCaveats('');
        location.setText('');
        uploads.clear();
      }}
    >
      <div className="form-grid">
        <FormPlace />
        <TlpField value={tlp} onChange={setTlp} fixedCompartment={place?.compartment} onKind={setKind} />
        <GradeSelect<Reliability>
          field="reliability"
          label={t('intelligence.grades.reliability')}
          values={RELIABILITY_GRADES}
          value={reliability}
          onChange={setReliability}
          words={(grade) => t(`intelligence.grades.reliabilityValues.${grade}`)}
          missing={t('intelligence.forms.report.reliabilityMissing')}
        />
        <GradeSelect<Credibility>
          field="credibility"
          label={t('intelligence.grades.credibility')}
          values={CREDIBILITY_GRADES}
          value={credibility}
          onChange={setCredibility}
          words={(grade) => t(`intelligence.grades.credibilityValues.${String(grade) as '1'}`)}
          missing={t('intelligence.forms.report.credibilityMissing')}
        />
        <TextField field="title" label={t('intelligence.forms.report.title')} testId="intel-report-title" value={title} onChange={setTitle} wide missing={{ text: t('intelligence.forms.report.titleMissing'), testId: 'intel-report-title-missing' }} />
        <FormLanguage />
        <TextField
          field="informationTime"
          label={t('intelligence.report.informationTime')}
          testId="intel-report-information-time"
          time
          value={informationTime}
          onChange={setInformationTime}
          missing={{ text: t('intelligence.forms.report.informationTimeMissing'), testId: 'intel-report-information-time-missing' }}
        />
        <TextField field="summary" label={t('intelligence.report.summary')} testId="intel-report-summary" rows={2} value={summary} onChange={setSummary} wide missing={{ text: t('intelligence.forms.report.summaryMissing'), testId: 'intel-report-summary-missing' }} />
        <TextField field="body" label={t('intelligence.report.body')} testId="intel-report-body" rows={6} value={body} onChange={setBody} wide missing={{ text: t('intelligence.forms.report.bodyMissing'), testId: 'intel-report-body-missing' }} />
        <TextField field="caveats" label={t('intelligence.report.caveats')} testId="intel-report-caveats" rows={2} value={caveats} onChange={setCaveats} wide />
        <AreaField input={location} field="location" label={t('intelligence.forms.report.location')} testId="intel-report-location" />
        <EvidenceField uploads={uploads} label={t('intelligence.forms.report.evidence')} testId="intel-report-evidence" />
      </div>
      <p className="hint">{t('intelligence.forms.report.caveatsHint')}</p>
      <div className="form-actions">
        <FormSubmit>{t('intelligence.forms.report.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}
