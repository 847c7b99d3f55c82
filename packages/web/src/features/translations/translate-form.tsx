import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import type { ActionContext, ActionPanelProps, ItemAction } from '../../item-types/web-item-type.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { TextField } from '../forms/form-field.tsx';
import { FormSubmit, ItemForm } from '../forms/item-form.tsx';
import { Field, FreeText } from '../items/free-text.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { CellLanguageSelect } from './cell-language-select.tsx';
import { originalTextOf } from './original-text.ts';
import { translationsOf } from './translation-state.ts';
import './translations.css';

/**
 * The translator writes the item's text in another of the cell's languages, the original in
 * view, with a note if one is needed. The language offered first is one the item has no
 * translation in yet; the original's own is never offered.
 */
export function TranslateForm({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  const graph = useItemGraph();
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const original = originalTextOf(graph.byId.get(target.id)?.signed?.envelope);
  if (!original) return null;
  const languages = cell.languages.filter((language) => language !== original.language);
  const translated = new Set(translationsOf(target.id, graph).map(({ payload }) => payload.language));
  const first = languages.find((language) => !translated.has(language)) ?? languages[0];
  const draft = (language: Language) => {
    if (text.trim() === '') return { missing: 'text' };
    const payload: JsonObject = { language, text: text.trim() };
    if (note.trim() !== '') payload['note'] = note.trim();
    return { payload };
  };
  return (
    <ItemForm
      type="translation"
      testId="translate"
      className="answer-form translate-form"
      place={target}
      references={[target.id]}
      initialLanguage={first}
      draft={draft}
      onEntered={() => {
        setText('');
        setNote('');
        onDone?.();
      }}
    >
      <div className="translate-form-original" data-testid="translate-original">
        <Field label={t('understanding.translations.authoritative', { language: t(`language.names.${original.language}`) })}>
          <FreeText text={original.text} language={original.language} />
        </Field>
      </div>
      <CellLanguageSelect languages={languages} label={t('understanding.translate.language')} testId="translate-language" />
      <TextField field="text" label={t('understanding.translate.text')} testId="translate-text" rows={5} value={text} onChange={setText} missing={{ text: t('understanding.translate.textMissing'), testId: 'translate-text-missing' }} />
      <TextField field="note" label={t('understanding.translate.note')} testId="translate-note" rows={2} value={note} onChange={setNote} />
      <div className="answer-form-row">
        <FormSubmit>{t('understanding.translate.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/**
 * Whether an item can be translated: it has words of its own in a language its payload names
 * (not the cell's entries, not a translation itself), and the cell works in another language.
 */
function translatable({ target, cell }: ActionContext): boolean {
  if (target.type === 'translation') return false;
  const original = originalTextOf(target);
  return original !== undefined && cell.languages.some((language) => language !== original.language);
}

/** A translator attaches a translation to any item with text, in its compartment and track. */
export const translateAction: ItemAction = { id: 'translate', offered: translatable, Panel: TranslateForm };
