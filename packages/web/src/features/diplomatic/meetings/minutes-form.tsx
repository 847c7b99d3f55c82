import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingPayload, MinutesPayload } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { FieldProblem, TextField } from '../../forms/form-field.tsx';
import { useItemFormContext } from '../../forms/item-form-context.ts';
import { FormLanguage, FormSubmit, ItemForm, type Draft, type ItemPlace } from '../../forms/item-form.tsx';
import { InitialLanguage } from '../../deescalation/form-parts.tsx';
import { useMeetingsProblemText } from './meeting-problems.ts';

interface DecisionRow {
  key: number;
  text: string;
}

interface SectionInput {
  agendaItem: string;
  title: string;
  text: string;
  decisions: DecisionRow[];
}

/** The sections to edit: one per agenda item, prefilled from the version amended when there is one. */
function initialSections(meeting: MeetingPayload, previous: MinutesPayload | undefined): SectionInput[] {
  let key = 0;
  return meeting.agenda.map((entry) => {
    const section = previous?.sections.find((candidate) => candidate.agendaItem === entry.id);
    return { agendaItem: entry.id, title: entry.title, text: section?.text ?? '', decisions: (section?.decisions ?? []).map((decision) => ({ key: (key += 1), text: decision.text })) };
  });
}

/** One agenda item's section: what was said, and the decisions taken, each marked as one. */
function SectionFields({ section, index, onChange }: { section: SectionInput; index: number; onChange: (next: SectionInput) => void }) {
  const { t } = useTranslation();
  const form = useItemFormContext();
  const edit = (next: SectionInput) => {
    onChange(next);
    form.edited(`sections.${index}.text`);
  };
  return (
    <fieldset className="field field-wide minutes-section" data-testid={`minutes-section-${section.agendaItem}`}>
      <legend>
        <bdi>{section.title}</bdi>
      </legend>
      <TextField field="text" label={t('meetings.minutes.sectionText')} testId={`minutes-text-${section.agendaItem}`} rows={4} value={section.text} onChange={(text) => edit({ ...section, text })} wide />
      {section.decisions.map((decision, position) => (
        <div key={decision.key} className="minutes-decision-row">
          <span className="tag minutes-decision-badge">{t('meetings.minutes.decision')}</span>
          <input
            aria-label={t('meetings.minutes.decisionNumber', { number: position + 1 })}
            data-testid={`minutes-decision-${section.agendaItem}-${position}`}
            lang={form.language}
            dir="auto"
            value={decision.text}
            onChange={(event) => edit({ ...section, decisions: section.decisions.map((row) => (row.key === decision.key ? { ...row, text: event.target.value } : row)) })}
          />
          <button type="button" className="button button-small" data-testid={`minutes-decision-remove-${section.agendaItem}-${position}`} onClick={() => edit({ ...section, decisions: section.decisions.filter((row) => row.key !== decision.key) })}>
            {t('meetings.minutes.removeDecision')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        data-testid={`minutes-decision-add-${section.agendaItem}`}
        onClick={() => edit({ ...section, decisions: [...section.decisions, { key: Math.max(0, ...section.decisions.map((row) => row.key)) + 1, text: '' }] })}
      >
        {t('meetings.minutes.addDecision')}
      </button>
      {form.missing === `sections.${index}.text` && <FieldProblem problem={{ text: t('meetings.minutes.sectionMissing'), testId: `minutes-text-missing-${section.agendaItem}` }} field={`sections.${index}.text`} />}
    </fieldset>
  );
}

/**
 * The minutes editor: a supervisor drafts the first version, a section per agenda item with the
 * decisions marked; a party taking part proposes an amendment as the next version, prefilled
 * from the latest, saying what it changes. Each party then signs the exact version.
 */
export function MinutesForm({ place, meeting, previous, onDone }: { place: ItemPlace; meeting: { id: string; payload: MeetingPayload }; previous?: { id: string; payload: MinutesPayload; number: number } | undefined; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const problemText = useMeetingsProblemText();
  const [sections, setSections] = useState(() => initialSections(meeting.payload, previous?.payload));
  const [amendment, setAmendment] = useState('');

  const draft = (language: string): Draft<never> => {
    if (previous && amendment.trim() === '') return { missing: 'amendment' };
    const written = sections.filter((section) => section.text.trim() !== '');
    if (written.length === 0) return { missing: 'sections.0.text' };
    let decisionNumber = 0;
    const payload: JsonObject = {
      meeting: meeting.id,
      parties: previous?.payload.parties ?? meeting.payload.parties,
      sections: written.map((section) => {
        const decisions = section.decisions.filter((decision) => decision.text.trim() !== '').map((decision) => ({ id: `decision-${(decisionNumber += 1)}`, text: decision.text.trim() }));
        return { agendaItem: section.agendaItem, text: section.text.trim(), ...(decisions.length > 0 ? { decisions } : {}) };
      }),
      language,
      ...(previous ? { amendment: amendment.trim() } : {}),
    };
    return { payload };
  };

  return (
    <ItemForm
      type="minutes"
      testId="minutes"
      className="minutes-form"
      place={place}
      references={[previous?.id ?? meeting.id]}
      attributes={previous ? { 'data-previous': previous.id } : {}}
      draft={draft}
      status={{ problemText }}
      onEntered={onDone}
    >
      <InitialLanguage language={previous?.payload.language ?? meeting.payload.language} />
      {previous && (
        <TextField field="amendment" label={t('meetings.minutes.amendment')} testId="minutes-amendment" rows={2} value={amendment} onChange={setAmendment} wide missing={{ text: t('meetings.minutes.amendmentMissing'), testId: 'minutes-amendment-missing' }} />
      )}
      {sections.map((section, index) => (
        <SectionFields key={section.agendaItem} section={section} index={index} onChange={(next) => setSections((current) => current.map((candidate) => (candidate.agendaItem === next.agendaItem ? next : candidate)))} />
      ))}
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{previous ? t('meetings.minutes.submitAmendment', { number: previous.number + 1 }) : t('meetings.minutes.submitDraft')}</FormSubmit>
        {onDone && (
          <button type="button" className="button" data-testid="minutes-close" onClick={onDone}>
            {t('meetings.minutes.close')}
          </button>
        )}
      </div>
    </ItemForm>
  );
}
