import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CURRENCY_CODES, SECTORS, type Sector } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { usePartyName } from '../../components/use-names.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { AreaField, areaValue, useAreaInput } from '../deescalation/area-field.tsx';
import { SelectField } from '../deescalation/form-parts.tsx';
import { FormField, TextField } from '../forms/form-field.tsx';
import { useItemFormContext } from '../forms/item-form-context.ts';
import { FormLanguage, FormPlace, FormSubmit, ItemForm, type Draft, type ItemPlace } from '../forms/item-form.tsx';
import { parseAmount, useCommercialProblemText, type CommercialProblem } from './commercial-problems.ts';
import { useCurrencyName } from './money.ts';

/** The party to contact: one of the compartment's sides and supervisors, the author's own first chosen. */
function ContactPartySelect({ value, onChange, fixed }: { value: string; onChange: (party: string) => void; fixed: string | undefined }) {
  const { t } = useTranslation();
  const { session, cell } = useAuthenticated();
  const form = useItemFormContext();
  const partyName = usePartyName();
  const id = useId();
  const compartment = fixed ?? form.place?.compartment;
  const observers = new Set(cell.parties.filter((party) => party.kind === 'observer').map((party) => party.id));
  const parties = (session.compartments.find((candidate) => candidate.id === compartment)?.parties ?? []).filter((party) => !observers.has(party));
  const chosen = parties.includes(value) ? value : session.party.id;
  // Another compartment may not hold the party chosen: the author's own stands in.
  useEffect(() => {
    if (chosen !== value) onChange(chosen);
  }, [chosen, value, onChange]);
  return (
    <div className="field">
      <label htmlFor={id}>{t('commercial.form.contactParty')}</label>
      <select id={id} data-testid="opportunity-contact-select" value={chosen} onChange={(event) => onChange(event.target.value)}>
        {parties.map((party) => (
          <option key={party} value={party}>
            {partyName(party)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The value range: two whole amounts and the ISO 4217 currency, named in the reader's language. */
function ValueFields({ min, max, currency, onMin, onMax, onCurrency }: { min: string; max: string; currency: string; onMin(text: string): void; onMax(text: string): void; onCurrency(code: string): void }) {
  const { t } = useTranslation();
  const form = useItemFormContext();
  const currencyName = useCurrencyName();
  const currencies = useMemo(() => CURRENCY_CODES.map((code) => ({ code, name: currencyName(code) })), [currencyName]);
  const amount = (field: 'min' | 'max', value: string, onChange: (text: string) => void, label: string) => (
    <FormField label={label} problem={form.missing === `value.${field}` ? { text: t('commercial.form.amountMissing'), testId: `opportunity-value-${field}-missing` } : undefined}>
      {(id) => (
        <input
          id={id}
          inputMode="numeric"
          dir="ltr"
          data-testid={`opportunity-value-${field}-input`}
          aria-invalid={form.invalidField === `value.${field}` || form.missing === `value.${field}`}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            form.edited(`value.${field}`);
          }}
        />
      )}
    </FormField>
  );
  return (
    <fieldset className="field field-wide opportunity-value" data-testid="opportunity-value-fields">
      <legend>{t('commercial.form.value')}</legend>
      <p className="hint">{t('commercial.form.valueHint')}</p>
      <div className="opportunity-value-row">
        {amount('min', min, onMin, t('commercial.form.min'))}
        {amount('max', max, onMax, t('commercial.form.max'))}
        <FormField label={t('commercial.form.currency')}>
          {(id) => (
            <select id={id} data-testid="opportunity-currency-select" value={currency} onChange={(event) => onCurrency(event.target.value)}>
              {currencies.map(({ code, name }) => (
                <option key={code} value={code}>
                  {name === code ? code : `${code} — ${name}`}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
    </fieldset>
  );
}

/**
 * Proposes an opportunity: its sector, title, description and what is sought in the author's
 * language; what it is worth, as a range in one currency; whom to contact; and, if it has one,
 * where. Each problem is said in the member's language before anything is signed.
 */
export function OpportunityForm({ place }: { place?: ItemPlace | undefined }) {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const problemText = useCommercialProblemText();
  const [sector, setSector] = useState<Sector>('energy');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [sought, setSought] = useState('');
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [contactParty, setContactParty] = useState(session.party.id);
  const location = useAreaInput('place');

  const draft = (language: string): Draft<CommercialProblem> => {
    if (title.trim() === '') return { missing: 'title' };
    if (description.trim() === '') return { missing: 'description' };
    if (sought.trim() === '') return { missing: 'sought' };
    if (min.trim() === '') return { missing: 'value.min' };
    const low = parseAmount(min);
    if (low === undefined) return { problem: 'valueNumber', field: 'value.min' };
    const high = max.trim() === '' ? low : parseAmount(max);
    if (high === undefined) return { problem: 'valueNumber', field: 'value.max' };
    if (high < low) return { problem: 'valueOrder', field: 'value.max' };
    const where = areaValue(location);
    if ('invalid' in where) return { problem: 'location', field: 'location' };
    const payload: JsonObject = {
      sector,
      title: title.trim(),
      description: description.trim(),
      sought: sought.trim(),
      language,
      value: { min: low, max: high, currency },
      contactParty,
      ...('value' in where ? { location: where.value as unknown as JsonObject } : {}),
    };
    return { payload };
  };

  return (
    <ItemForm
      type="opportunity"
      testId="opportunity"
      className="commercial-form opportunity-form"
      place={place}
      preferredTrack="commercial"
      draft={draft}
      status={{ problemText }}
      onEntered={() => {
        setTitle('');
        setDescription('');
        setSought('');
        setMin('');
        setMax('');
        location.setText('');
      }}
    >
      <div className="form-grid">
        <SelectField label={t('commercial.form.sector')} values={SECTORS} value={sector} onChange={setSector} name={(value) => t(`commercial.sectors.${value}`)} testId="opportunity-sector-select" />
        <FormLanguage />
        <TextField field="title" label={t('commercial.form.title')} testId="opportunity-title-input" value={title} onChange={setTitle} wide missing={{ text: t('commercial.form.titleMissing'), testId: 'opportunity-title-missing' }} />
        <TextField
          field="description"
          label={t('commercial.form.description')}
          testId="opportunity-description-input"
          rows={4}
          value={description}
          onChange={setDescription}
          wide
          missing={{ text: t('commercial.form.descriptionMissing'), testId: 'opportunity-description-missing' }}
        />
        <TextField
          field="sought"
          label={t('commercial.form.sought')}
          testId="opportunity-sought-input"
          rows={2}
          value={sought}
          onChange={setSought}
          wide
          missing={{ text: t('commercial.form.soughtMissing'), testId: 'opportunity-sought-missing' }}
        />
        <ValueFields min={min} max={max} currency={currency} onMin={setMin} onMax={setMax} onCurrency={setCurrency} />
        <ContactPartySelect value={contactParty} onChange={setContactParty} fixed={place?.compartment} />
        <FormPlace />
        <details className="field field-wide opportunity-location" data-testid="opportunity-location-panel">
          <summary>{t('commercial.form.location')}</summary>
          <AreaField input={location} field="location" label={t('commercial.form.locationLabel')} testId="opportunity-location" />
        </details>
      </div>
      <div className="form-actions">
        <FormSubmit>{t('commercial.form.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}
