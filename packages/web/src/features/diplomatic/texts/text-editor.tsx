import { useTranslation } from 'react-i18next';
import { LANGUAGES, RTL_LANGUAGES, type Language } from '@fusion-cell/protocol';
import { usePartyName } from '../../../components/use-names.ts';
import { TextField } from '../../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm } from '../../forms/item-form.tsx';
import { useItemFormContext } from '../../forms/item-form-context.ts';
import { nextId, passageIds, payloadOfDraft, type DraftPassage, type DraftSection, type TextDraft } from './text-draft.ts';
import type { TextVersion } from './joint-text-state.ts';

interface TextEditorProps {
  compartment: string;
  /** The sides and supervisors of the compartment, who may be named to sign. */
  signers: readonly string[];
  penHolder: string;
  /** The version this one replaces; none for version 1. */
  latest: TextVersion | undefined;
  draft: TextDraft;
  onChange: (draft: TextDraft) => void;
  onEntered: () => void;
}

/**
 * The pen-holder composes a version: version 1 from nothing, each next one prefilled from the
 * latest (accepted suggestions already applied), with what it changes. Passages keep their
 * ids across versions, which brackets, suggestions and the redline follow.
 */
export function TextEditor({ compartment, signers, penHolder, latest, draft, onChange, onEntered }: TextEditorProps) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const number = (latest?.number ?? 0) + 1;
  const setSection = (index: number, section: DraftSection) => onChange({ ...draft, sections: draft.sections.map((entry, at) => (at === index ? section : entry)) });
  return (
    <ItemForm
      type="joint.text"
      testId="text-editor"
      className="text-editor"
      attributes={{ 'data-version': String(number) }}
      place={{ compartment, track: 'diplomatic' }}
      references={latest ? [latest.id] : []}
      initialLanguage={latest?.payload.language}
      draft={(language) => payloadOfDraft(draft, penHolder, language)}
      onEntered={onEntered}
      status={{ conflict: t('jointText.editor.conflict') }}
    >
      <p className="hint">{latest ? t('jointText.editor.nextLead', { number }) : t('jointText.editor.firstLead', { party: partyName(penHolder) })}</p>
      <TextField field="title" label={t('jointText.editor.title')} testId="text-editor-title" value={draft.title} onChange={(title) => onChange({ ...draft, title })} wide missing={{ text: t('jointText.editor.titleMissing'), testId: 'text-editor-title-missing' }} />
      <fieldset className="text-editor-parties" data-testid="text-editor-parties">
        <legend>{t('jointText.editor.parties')}</legend>
        {signers.map((party) => (
          <label key={party} className="checkbox">
            <input
              type="checkbox"
              data-testid={`text-editor-party-${party}`}
              checked={draft.parties.includes(party)}
              onChange={(event) => onChange({ ...draft, parties: event.target.checked ? signers.filter((id) => id === party || draft.parties.includes(id)) : draft.parties.filter((id) => id !== party) })}
            />{' '}
            {partyName(party)}
          </label>
        ))}
      </fieldset>
      {draft.sections.map((section, index) => (
        <SectionEditor key={section.id} section={section} sectionIndex={index} draft={draft} onChange={(next) => setSection(index, next)} onRemove={draft.sections.length > 1 ? () => onChange({ ...draft, sections: draft.sections.filter((_, at) => at !== index) }) : undefined} />
      ))}
      <button
        type="button"
        className="button button-small"
        data-testid="text-editor-add-section"
        onClick={() => onChange({ ...draft, sections: [...draft.sections, { id: nextId('s', draft.sections.map((section) => section.id)), heading: '', passages: [{ id: nextId('p', passageIds(draft)), text: '', options: [] }] }] })}
      >
        {t('jointText.editor.addSection')}
      </button>
      <Translations draft={draft} onChange={onChange} />
      {latest && <TextField field="note" label={t('jointText.editor.note')} testId="text-editor-note" rows={2} value={draft.note} onChange={(note) => onChange({ ...draft, note })} wide />}
      <div className="answer-form-row">
        <FormLanguage label={t('jointText.editor.language')} hint={t('jointText.editor.languageHint')} />
        <FormSubmit>{t('jointText.editor.submit', { number })}</FormSubmit>
      </div>
    </ItemForm>
  );
}

function SectionEditor({ section, sectionIndex, draft, onChange, onRemove }: { section: DraftSection; sectionIndex: number; draft: TextDraft; onChange: (section: DraftSection) => void; onRemove: (() => void) | undefined }) {
  const { t } = useTranslation();
  const setPassage = (index: number, passage: DraftPassage) => onChange({ ...section, passages: section.passages.map((entry, at) => (at === index ? passage : entry)) });
  return (
    <fieldset className="text-editor-section" data-testid={`text-editor-section-${section.id}`}>
      <legend>{t('jointText.editor.section', { number: sectionIndex + 1 })}</legend>
      <TextField field="heading" label={t('jointText.editor.heading')} testId={`text-editor-heading-${section.id}`} value={section.heading} onChange={(heading) => onChange({ ...section, heading })} wide />
      {section.passages.map((passage, index) => (
        <PassageEditor
          key={passage.id}
          passage={passage}
          field={`sections.${sectionIndex}.passages.${index}`}
          onChange={(next) => setPassage(index, next)}
          onRemove={section.passages.length > 1 ? () => onChange({ ...section, passages: section.passages.filter((_, at) => at !== index) }) : undefined}
        />
      ))}
      <div className="text-editor-buttons">
        <button type="button" className="button button-small" data-testid={`text-editor-add-passage-${section.id}`} onClick={() => onChange({ ...section, passages: [...section.passages, { id: nextId('p', passageIds(draft)), text: '', options: [] }] })}>
          {t('jointText.editor.addPassage')}
        </button>
        {onRemove && (
          <button type="button" className="button button-small button-link" onClick={onRemove}>
            {t('jointText.editor.removeSection')}
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** A passage's wording, or its options (Option A, Option B…) while the parties have not chosen. */
function PassageEditor({ passage, field, onChange, onRemove }: { passage: DraftPassage; field: string; onChange: (passage: DraftPassage) => void; onRemove: (() => void) | undefined }) {
  const { t } = useTranslation();
  const missing = { text: t('jointText.editor.passageMissing'), testId: `text-editor-passage-${passage.id}-missing` };
  const letter = (index: number) => String.fromCharCode(65 + index);
  return (
    <div className="text-editor-passage" data-testid={`text-editor-passage-${passage.id}`}>
      {passage.options.length === 0 ? (
        <TextField field={field} label={t('jointText.editor.passage', { id: passage.id })} testId={`text-editor-passage-${passage.id}-text`} rows={3} value={passage.text} onChange={(text) => onChange({ ...passage, text })} wide missing={missing} />
      ) : (
        passage.options.map((option, index) => (
          <div key={option.id} className="text-editor-option">
            <TextField
              field={field}
              label={t('jointText.reader.option', { letter: letter(index) })}
              testId={`text-editor-passage-${passage.id}-option-${index}`}
              rows={2}
              value={option.text}
              onChange={(text) => onChange({ ...passage, options: passage.options.map((entry, at) => (at === index ? { ...entry, text } : entry)) })}
              wide
              missing={index === 0 ? missing : undefined}
            />
            <button type="button" className="button button-small button-link" data-testid={`text-editor-passage-${passage.id}-choose-${index}`} onClick={() => onChange({ ...passage, text: option.text, options: [] })}>
              {t('jointText.editor.chooseOption', { letter: letter(index) })}
            </button>
          </div>
        ))
      )}
      <div className="text-editor-buttons">
        {passage.options.length < 6 && (
          <button
            type="button"
            className="button button-small"
            data-testid={`text-editor-passage-${passage.id}-add-option`}
            onClick={() => {
              const options = passage.options.length === 0 ? [{ id: 'a', text: passage.text }] : passage.options;
              onChange({ ...passage, options: [...options, { id: nextId('option', options.map((entry) => entry.id)), text: '' }] });
            }}
          >
            {t('jointText.editor.addOption')}
          </button>
        )}
        {onRemove && (
          <button type="button" className="button button-small button-link" data-testid={`text-editor-passage-${passage.id}-remove`} onClick={onRemove}>
            {t('jointText.editor.removePassage')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Translations attached to the version, marked as such: the authoritative text is the one in the form's language. */
function Translations({ draft, onChange }: { draft: TextDraft; onChange: (draft: TextDraft) => void }) {
  const { t } = useTranslation();
  const form = useItemFormContext();
  const others = LANGUAGES.filter((language) => language !== form.language);
  const set = (language: Language, change: Partial<TextDraft['translations'][number]>) =>
    onChange({ ...draft, translations: draft.translations.map((entry) => (entry.language === language ? { ...entry, ...change } : entry)) });
  return (
    <fieldset className="text-editor-translations" data-testid="text-editor-translations">
      <legend>{t('jointText.editor.translations')}</legend>
      {others.map((language) => {
        const translation = draft.translations.find((entry) => entry.language === language);
        const dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
        return (
          <div key={language} className="text-editor-translation">
            <label className="checkbox">
              <input
                type="checkbox"
                data-testid={`text-editor-translation-${language}`}
                checked={translation !== undefined}
                onChange={(event) => onChange({ ...draft, translations: event.target.checked ? [...draft.translations, { language, title: '', passages: {} }] : draft.translations.filter((entry) => entry.language !== language) })}
              />{' '}
              {t('jointText.editor.attachTranslation', { language: t(`language.names.${language}`) })}
            </label>
            {translation && (
              <div className="text-editor-translation-fields">
                <label>
                  {t('jointText.editor.title')}
                  <input lang={language} dir={dir} data-testid={`text-editor-translation-${language}-title`} value={translation.title} onChange={(event) => set(language, { title: event.target.value })} />
                </label>
                {passageIds(draft).map((passage) => (
                  <label key={passage}>
                    {t('jointText.editor.passage', { id: passage })}
                    <textarea rows={2} lang={language} dir={dir} data-testid={`text-editor-translation-${language}-${passage}`} value={translation.passages[passage] ?? ''} onChange={(event) => set(language, { passages: { ...translation.passages, [passage]: event.target.value } })} />
                  </label>
                ))}
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
