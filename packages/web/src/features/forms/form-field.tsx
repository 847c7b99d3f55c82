import { useId, type ReactNode } from 'react';
import { RTL_LANGUAGES } from '@fusion-cell/protocol';
import { LengthCounter, overLimit } from '../../components/length-counter.tsx';
import { useItemFormContext } from './item-form-context.ts';
import { takesLanguage, textLimit } from './payload-fields.ts';
import { TimeZoneNote } from './time-zone-note.tsx';

/** What is wrong with a field, said where the author looks: in words, with its test id. */
export interface FieldProblemText {
  text: string;
  testId: string;
}

/** A field's problem, announced as soon as it shows. */
export function FieldProblem({ problem, field }: { problem: FieldProblemText; field?: string }) {
  return (
    <p className="message message-error" role="alert" data-testid={problem.testId} data-field={field}>
      {problem.text}
    </p>
  );
}

/**
 * A labelled field: the label, the control (given the id the label points at), and what is
 * wrong with it, if anything.
 */
export function FormField({ label, className = 'field', problem, children }: { label: string; className?: string; problem?: FieldProblemText | undefined; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {problem && <FieldProblem problem={problem} />}
    </div>
  );
}

interface TextFieldProps {
  /** The payload field it fills: its length limit comes from the type's schema. */
  field: string;
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  /** A text area of this many rows; a one-line input without. */
  rows?: number;
  /** A time (the reader's clock) rather than text in the item's language. */
  time?: boolean;
  wide?: boolean;
  /** Said under the field when the author left it empty and tried to sign. */
  missing?: FieldProblemText;
}

/**
 * A text field of an item form, wired to it: the type's own length limit is counted under it
 * as the text nears it, and text over it is kept as typed or pasted (never cut) and refused
 * when signing; free text is marked with the language the author says it is written in, and
 * a field the form found empty or at fault says so until the author types again.
 */
export function TextField({ field, label, testId, value, onChange, rows, time = false, wide = false, missing }: TextFieldProps) {
  const form = useItemFormContext();
  const counterId = useId();
  const limit = time ? undefined : textLimit(form.type, field);
  const invalid = form.invalidField === field || overLimit(value, limit);
  const language = !time && takesLanguage(form.type) ? form.language : undefined;
  const control = {
    'data-testid': testId,
    lang: language,
    dir: language === undefined ? undefined : RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr',
    'aria-invalid': invalid,
    'aria-describedby': limit === undefined && !time ? undefined : counterId,
    value,
  };
  const change = (next: string) => {
    onChange(next);
    form.edited(field);
  };
  return (
    <FormField label={label} className={wide ? 'field field-wide' : 'field'} problem={form.missing === field ? missing : undefined}>
      {(id) => (
        <>
          {rows === undefined ? (
            <input id={id} type={time ? 'datetime-local' : undefined} {...control} onChange={(event) => change(event.target.value)} />
          ) : (
            <textarea id={id} rows={rows} {...control} onChange={(event) => change(event.target.value)} />
          )}
          {time ? <TimeZoneNote value={value} id={counterId} testId={`${testId}-zone`} /> : <LengthCounter text={value} limit={limit} id={counterId} testId={`${testId}-counter`} />}
        </>
      )}
    </FormField>
  );
}
