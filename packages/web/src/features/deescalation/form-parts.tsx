import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { itemTypeDefinition, readPayload, type Language } from '@fusion-cell/protocol';
import { useItemFormContext } from '../forms/item-form-context.ts';
import { useItemGraph } from '../items/item-graph.ts';

/** The problems the de-escalation forms find before signing, each with its words under `deescalation.forms.problems`. */
export type DeescalationProblem = 'area' | 'number' | 'windowOrder' | 'uploading' | 'uploadFailed';

export function useDeescalationProblemText(): (problem: string) => string {
  const { t } = useTranslation();
  return (problem) => {
    switch (problem) {
      case 'area':
      case 'number':
      case 'windowOrder':
      case 'uploading':
      case 'uploadFailed':
        return t(`deescalation.forms.problems.${problem}`);
      default:
        return t(`forms.problems.${problem as 'signing' | 'too_long' | 'receipt_mismatch'}`);
    }
  };
}

/**
 * A form prefilled from an earlier item (an amendment, a new version) starts in that item's
 * language: its text was written in it.
 */
export function InitialLanguage({ language }: { language: Language | undefined }) {
  const form = useItemFormContext();
  const settled = useRef(false);
  useEffect(() => {
    if (settled.current || language === undefined) return;
    // The form's own first effect follows the interface language; this runs again until it holds.
    if (form.language === language) settled.current = true;
    else form.setLanguage(language);
  }, [form, language]);
  return null;
}

/** Radio choices with a line of explanation each: what a choice means matters more than its name. */
export function Choices<Value extends string>({
  legend,
  values,
  value,
  onChange,
  label,
  explanation,
  testId,
  className,
}: {
  legend: string;
  values: readonly Value[];
  value: Value;
  onChange: (value: Value) => void;
  label: (value: Value) => string;
  explanation?: (value: Value) => string;
  testId: string;
  className?: string;
}) {
  const name = useId();
  return (
    <fieldset className={`field field-wide deesc-choices ${className ?? ''}`} data-testid={testId}>
      <legend>{legend}</legend>
      {values.map((choice) => (
        <label key={choice} className={`deesc-choice deesc-choice-${choice}`}>
          <input type="radio" name={name} value={choice} data-testid={`${testId}-${choice}`} checked={value === choice} onChange={() => onChange(choice)} />
          <span>
            <span className="deesc-choice-label">{label(choice)}</span>
            {explanation && <span className="hint deesc-choice-explained">{explanation(choice)}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** A labelled select among fixed values. */
export function SelectField<Value extends string>({ label, values, value, onChange, name, testId }: { label: string; values: readonly Value[]; value: Value; onChange: (value: Value) => void; name: (value: Value) => string; testId: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={testId} value={value} onChange={(event) => onChange(values.find((candidate) => candidate === event.target.value) ?? value)}>
        {values.map((choice) => (
          <option key={choice} value={choice}>
            {name(choice)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A short note in a form, above its submit button. */
export function FormNote({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="hint deesc-form-note" data-testid={testId}>
      {children}
    </p>
  );
}

/** An item of the record verified here, its payload read at its type's current version: what a prefilled form starts from. */
export function useRecordedPayload<Payload>(id: string): Payload | undefined {
  const graph = useItemGraph();
  const envelope = graph.byId.get(id)?.signed?.envelope;
  const definition = envelope ? itemTypeDefinition(envelope.type) : undefined;
  if (!envelope || !definition) return undefined;
  const read = readPayload(definition, envelope.payload);
  return read.ok ? (read.payload as Payload) : undefined;
}
