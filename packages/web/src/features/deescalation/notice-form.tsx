import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { durationToMilliseconds, NOTICE_KINDS, NOTICE_SEMANTICS, SIZE_CATEGORIES, type ActivityNoticePayload } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import type { ActionContext, ActionPanelProps, ItemAction } from '../../item-types/web-item-type.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { TextField } from '../forms/form-field.tsx';
import { useItemFormContext } from '../forms/item-form-context.ts';
import { FormLanguage, FormPlace, FormSubmit, ItemForm, type Draft, type ItemPlace } from '../forms/item-form.tsx';
import { localInputToIso } from '../forms/local-time.ts';
import { AreaField, areaValue, useAreaInput } from './area-field.tsx';
import { useForcesWords } from './forces-words.ts';
import { countsInput, ForcesFields, readCounts } from './forces-fields.tsx';
import { Choices, FormNote, InitialLanguage, SelectField, useDeescalationProblemText, useRecordedPayload, type DeescalationProblem } from './form-parts.tsx';
import { isoToLocalInput } from './geojson-input.ts';
import { noticeState } from './notice-state.ts';

type Kind = ActivityNoticePayload['kind'];
type Category = ActivityNoticePayload['size']['category'];
type Semantics = ActivityNoticePayload['semantics'];

/** The cell's minimum notice, and a warning while the window chosen starts sooner than that. */
function LeadTimeNote({ from }: { from: string }) {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  const words = useForcesWords();
  const leadMs = durationToMilliseconds(cell.rules.noticeLeadTime);
  const start = localInputToIso(from);
  // Read when the author edits the window, not on a clock: the note is advice, the cell's check is the finding.
  const givenMs = start === undefined ? undefined : Date.parse(start) - Date.now();
  const late = givenMs !== undefined && givenMs < leadMs;
  return (
    <p className={late ? 'message message-warning deesc-lead-time' : 'hint deesc-lead-time'} data-testid="notice-lead-time" data-late={late}>
      {late
        ? t('deescalation.forms.notice.leadTimeLate', { required: words.duration(leadMs), given: words.duration(Math.max(givenMs, 0)) })
        : t('deescalation.forms.notice.leadTime', { required: words.duration(leadMs) })}
    </p>
  );
}

/** The invalid field of the counts, as the form context says it, with the `size.` prefix taken off. */
function SizeFields({ value, onChange }: { value: ReturnType<typeof countsInput>; onChange: (next: ReturnType<typeof countsInput>) => void }) {
  const form = useItemFormContext();
  const invalid = form.invalidField?.startsWith('size.') ? form.invalidField.slice('size.'.length) : null;
  return (
    <ForcesFields
      mode="counts"
      value={value}
      onChange={(next) => {
        onChange(next);
        form.edited(form.invalidField ?? 'size');
      }}
      invalidField={invalid}
      testId="notice-counts"
    />
  );
}

/**
 * Notifies an activity before it happens: what kind, where (drawn or pasted), when (in the
 * author's time zone, said beside the fields), how big, and what it asks of the other parties.
 * Given an earlier notice, it amends it: prefilled with it, and naming it as the notice it
 * replaces.
 */
export function NoticeForm({ place, amends, onDone }: { place?: ItemPlace | undefined; amends?: { id: string; payload: ActivityNoticePayload } | undefined; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const problemText = useDeescalationProblemText();
  const initial = amends?.payload;
  const [kind, setKind] = useState<Kind>(initial?.kind ?? 'exercise');
  const [description, setDescription] = useState(initial?.description ?? '');
  const area = useAreaInput('area', initial?.area);
  const [from, setFrom] = useState(initial ? isoToLocalInput(initial.window.from) : '');
  const [to, setTo] = useState(initial ? isoToLocalInput(initial.window.to) : '');
  const [category, setCategory] = useState<Category>(initial?.size.category ?? 'small');
  const [forces, setForces] = useState(() => countsInput(initial?.size));
  const [semantics, setSemantics] = useState<Semantics>(initial?.semantics ?? 'information-only');

  const draft = (language: string): Draft<DeescalationProblem> => {
    if (description.trim() === '') return { missing: 'description' };
    const where = areaValue(area);
    if ('missing' in where) return { missing: 'area' };
    if ('invalid' in where) return { problem: 'area', field: 'area' };
    const start = localInputToIso(from);
    const end = localInputToIso(to);
    if (start === undefined) return { missing: 'window.from' };
    if (end === undefined) return { missing: 'window.to' };
    if (Date.parse(end) <= Date.parse(start)) return { problem: 'windowOrder', field: 'window.to' };
    const counts = readCounts(forces);
    if ('field' in counts) return { problem: 'number', field: `size.${counts.field}` };
    const payload: JsonObject = {
      kind,
      description: description.trim(),
      language,
      area: where.value as unknown as JsonObject,
      window: { from: start, to: end },
      size: { category, ...counts } as unknown as JsonObject,
      semantics,
      ...(amends ? { amends: amends.id } : {}),
    };
    return { payload };
  };

  return (
    <ItemForm
      type="activity.notice"
      testId="notice"
      className="deesc-form notice-form"
      place={place}
      preferredTrack="deescalation"
      references={amends ? [amends.id] : undefined}
      attributes={amends ? { 'data-amends': amends.id } : {}}
      draft={draft}
      status={{ problemText }}
      onEntered={() => {
        if (!amends) {
          setDescription('');
          area.setText('');
          setFrom('');
          setTo('');
          setForces(countsInput(undefined));
        }
        onDone?.();
      }}
    >
      <InitialLanguage language={initial?.language} />
      {amends && <FormNote testId="notice-amend-note">{t('deescalation.forms.notice.amendNote')}</FormNote>}
      <div className="form-grid">
        <Choices
          legend={t('deescalation.forms.notice.semantics')}
          values={NOTICE_SEMANTICS}
          value={semantics}
          onChange={setSemantics}
          label={(value) => t(`deescalation.notice.semantics.${value}`)}
          explanation={(value) => t(`deescalation.notice.semanticsExplained.${value}`)}
          testId="notice-semantics-choice"
          className="notice-semantics-choices"
        />
        <SelectField label={t('deescalation.forms.notice.kind')} values={NOTICE_KINDS} value={kind} onChange={setKind} name={(value) => t(`deescalation.notice.kinds.${value}`)} testId="notice-kind-select" />
        <FormLanguage />
        <TextField
          field="description"
          label={t('deescalation.forms.notice.description')}
          testId="notice-description-input"
          rows={3}
          value={description}
          onChange={setDescription}
          wide
          missing={{ text: t('deescalation.forms.notice.descriptionMissing'), testId: 'notice-description-missing' }}
        />
        <TextField
          field="window.from"
          label={t('deescalation.forms.notice.from')}
          testId="notice-from"
          time
          value={from}
          onChange={setFrom}
          missing={{ text: t('deescalation.forms.notice.windowMissing'), testId: 'notice-from-missing' }}
        />
        <TextField
          field="window.to"
          label={t('deescalation.forms.notice.to')}
          testId="notice-to"
          time
          value={to}
          onChange={setTo}
          missing={{ text: t('deescalation.forms.notice.windowMissing'), testId: 'notice-to-missing' }}
        />
        <div className="field-wide">
          <LeadTimeNote from={from} />
        </div>
        <fieldset className="field field-wide deesc-size">
          <legend>{t('deescalation.forms.notice.size')}</legend>
          <SelectField label={t('deescalation.forms.notice.category')} values={SIZE_CATEGORIES} value={category} onChange={setCategory} name={(value) => t(`deescalation.notice.sizes.${value}`)} testId="notice-category" />
          <SizeFields value={forces} onChange={setForces} />
        </fieldset>
        <AreaField input={area} field="area" label={t('deescalation.forms.notice.area')} testId="notice-area" />
        <FormPlace />
      </div>
      <div className="form-actions">
        <FormSubmit>{amends ? t('deescalation.forms.notice.submitAmend') : t('deescalation.forms.notice.submit')}</FormSubmit>
        {amends && onDone && (
          <button type="button" className="button" onClick={onDone}>
            {t('deescalation.forms.close')}
          </button>
        )}
      </div>
    </ItemForm>
  );
}

/** The amendment, prefilled with the notice it replaces. */
function AmendPanel({ target, onDone }: ActionPanelProps) {
  const payload = useRecordedPayload<ActivityNoticePayload>(target.id);
  if (!payload) return null;
  return <NoticeForm place={target} amends={{ id: target.id, payload }} onDone={onDone} />;
}

/** Only the notice's own party may amend or cancel it, and only while it stands. */
export function mayMoveNotice({ target, reader, graph, members }: ActionContext): boolean {
  return target.type === 'activity.notice' && target.authorParty === reader.party && noticeState(target.id, graph, members).state === 'active';
}

/** Amends a standing notice of the reader's party with a new notice that names it. */
export const amendAction: ItemAction = { id: 'amend', offered: mayMoveNotice, Panel: AmendPanel };
