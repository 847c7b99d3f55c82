import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { itemTypeDefinition, type Language, type ReleaseOpening, type Track } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { inputProblems, type InputProblem } from '../../components/input-problems.ts';
import { useProblemText } from '../../components/use-error-text.ts';
import { useDevice } from '../../device/device-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { ItemFormContext, useItemFormContext, type ItemFormContextValue, type PlaceChoice } from './item-form-context.ts';
import { LanguageSelect, useTextLanguage } from './language-select.tsx';
import { takesLanguage } from './payload-fields.ts';
import { CompartmentSelect, TrackSelect } from './place-select.tsx';
import type { LocalSubmitProblem } from './sign-and-submit.ts';
import { SubmitStatus } from './submit-status.tsx';
import { useSubmitItem } from './use-submit-item.ts';
import './forms.css';

/** Where an item goes: a compartment and a track. */
export interface ItemPlace {
  compartment: string;
  track: Track;
}

/**
 * What the fields make of the item before anything is signed: its payload; or the field the
 * author left empty, said under it; or another problem, said in the form's status, with the
 * field at fault.
 */
export type Draft<Problem extends string> = { payload: JsonObject } | { missing: string } | { problem: Problem; field?: string };

/**
 * What the form found wrong before signing: a field left empty (`problem` null), a problem in
 * the form's own words, or what the type's payload schema, the server's own, refuses.
 */
type Fault<Problem extends string> = { field: string | undefined; problem: Problem | null; refused?: InputProblem };

/** What the type's payload schema refuses in a payload, the first field it names. */
function refusedByType(type: string, payload: JsonObject): InputProblem | undefined {
  const schema = itemTypeDefinition(type)?.payload;
  return schema ? inputProblems(schema, payload)[0] : undefined;
}

interface ItemFormProps<Problem extends string> {
  type: string;
  /** Names the form's parts: `<testId>-submit`, `-status`, `-language`, `-compartment`, `-track`, `-disabled`. */
  testId: string;
  /** The form element's own test id, `<testId>-form` unless given. */
  formTestId?: string;
  className: string;
  /** Attributes the form element shows about itself (`data-kind`, `data-action`). */
  attributes?: Record<`data-${string}`, string>;
  /** Where the item goes; without it the author chooses among what the type allows. */
  place?: ItemPlace | undefined;
  /** The track offered first when the author chooses. */
  preferredTrack?: Track;
  /** The items it refers to: the one it answers first. */
  references?: string[];
  /** A release's opening, sent beside the envelope (record SPEC R44). */
  release?: ReleaseOpening | undefined;
  /** The language of a text prefilled from another item, until the author picks one. */
  initialLanguage?: Language | undefined;
  draft(language: Language): Draft<Problem>;
  /** Once the cell entered it: clear the fields, close the panel. */
  onEntered?: () => void;
  /** How the status speaks: where its errors show, a conflict and the form's problems in its own words. */
  status?: { errorTestId?: string; conflict?: string; problemText?: (problem: Problem | LocalSubmitProblem) => string };
  fieldsetClassName?: string;
  children: ReactNode;
}

/** The compartments and tracks an item of this type may go to, and the author's choice. */
function usePlaceChoice(type: string, preferredTrack: Track | undefined): PlaceChoice {
  const { session, cell } = useAuthenticated();
  const definition = itemTypeDefinition(type);
  const compartments = session.compartments.filter((compartment) => !definition?.compartments || definition.compartments.includes(compartment.kind));
  const tracks = (definition?.tracks ?? []).filter((track) => cell.tracks.includes(track));
  const [compartment, setCompartment] = useState(compartments[0]?.id ?? '');
  const [track, setTrack] = useState<Track>(preferredTrack !== undefined && tracks.includes(preferredTrack) ? preferredTrack : (tracks[0] ?? 'general'));
  return { compartments, compartment, setCompartment, tracks, track, setTrack };
}

/**
 * The frame every item form shares: where the item goes (fixed by the page, or chosen among
 * what its type allows), the language of its text, the fields it is given, signing and
 * entering with the status that follows, the field the author left empty, and the whole form
 * disabled, with the reason, while this browser's device cannot sign.
 */
export function ItemForm<Problem extends string = never>(props: ItemFormProps<Problem>) {
  const { type, testId, className, place, references, status, children } = props;
  const { t } = useTranslation();
  const { state: device } = useDevice();
  const submission = useSubmitItem();
  const [language, setLanguage] = useTextLanguage(props.initialLanguage);
  const choice = usePlaceChoice(type, props.preferredTrack);
  const [fault, setFault] = useState<Fault<Problem> | null>(null);
  const problemText = useProblemText();
  const canSign = device.status === 'approved';
  const sending = submission.state.phase === 'sending';

  const context: ItemFormContextValue = {
    type,
    testId,
    language,
    setLanguage,
    invalidField: fault?.field ?? null,
    missing: fault?.problem === null && fault.refused === undefined ? (fault.field ?? null) : null,
    edited: (field) => {
      if (fault && (fault.field === undefined || fault.field === field)) setFault(null);
      if (submission.state.phase === 'invalid') submission.reset();
    },
    place: place ? undefined : choice,
    sending,
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const draft = props.draft(language);
    if ('missing' in draft) return setFault({ field: draft.missing, problem: null });
    if ('problem' in draft) return setFault({ field: draft.field, problem: draft.problem });
    // Checked here with the schema the server checks it with: text over a limit is refused
    // in the author's language, never cut to fit.
    const refused = refusedByType(type, draft.payload);
    if (refused) return setFault({ field: refused.field, problem: null, refused });
    setFault(null);
    const { compartment, track } = place ?? choice;
    const outcome = await submission.submit({ compartment, track, type, payload: draft.payload, ...(references ? { references } : {}), ...(props.release ? { release: props.release } : {}) });
    if (outcome.ok) props.onEntered?.();
  };

  return (
    <ItemFormContext.Provider value={context}>
      <form className={className} data-testid={props.formTestId ?? `${testId}-form`} {...props.attributes} onSubmit={(event) => void send(event)} noValidate>
        {!canSign && (
          <p className="message message-warning" data-testid={`${testId}-disabled`} data-status={device.status}>
            <strong>{t('forms.disabled')}</strong> {t(`device.explanation.${device.status}`)}
          </p>
        )}
        <fieldset className={props.fieldsetClassName ?? 'form-fieldset'} disabled={!canSign || sending}>
          {children}
        </fieldset>
        {fault?.refused ? (
          <p className="message message-error" role="alert" data-testid={status?.errorTestId ?? `${testId}-status`} data-state="invalid" data-code={fault.refused.kind} data-field={fault.refused.field} data-limit={fault.refused.limit}>
            {problemText(fault.refused)}
          </p>
        ) : (
          <SubmitStatus<Problem | LocalSubmitProblem>
            state={fault?.problem ? { phase: 'invalid', problem: fault.problem } : submission.state}
            testId={`${testId}-status`}
            errorTestId={status?.errorTestId}
            conflict={status?.conflict}
            problemText={status?.problemText}
          />
        )}
      </form>
    </ItemFormContext.Provider>
  );
}

/** The language the item's text is written in, when its type says one. */
export function FormLanguage({ label, hint }: { label?: string; hint?: string }) {
  const form = useItemFormContext();
  if (!takesLanguage(form.type)) return null;
  return <LanguageSelect value={form.language} onChange={form.setLanguage} testId={`${form.testId}-language`} label={label} hint={hint} />;
}

/** The compartment and track, when the author chooses them. */
export function FormPlace() {
  const form = useItemFormContext();
  if (!form.place) return null;
  const { compartments, compartment, setCompartment, tracks, track, setTrack } = form.place;
  return (
    <>
      <CompartmentSelect compartments={compartments} value={compartment} onChange={setCompartment} testId={`${form.testId}-compartment`} />
      <TrackSelect tracks={tracks} value={track} onChange={setTrack} testId={`${form.testId}-track`} />
    </>
  );
}

/** Signs and enters the item; says so while it is on its way when given words for it. */
export function FormSubmit({ children, className = 'button button-primary', testId, sendingLabel }: { children: ReactNode; className?: string; testId?: string; sendingLabel?: string }) {
  const form = useItemFormContext();
  return (
    <button type="submit" className={className} data-testid={testId ?? `${form.testId}-submit`}>
      {form.sending && sendingLabel !== undefined ? sendingLabel : children}
    </button>
  );
}
