import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GlossaryTermPayload, RTL_LANGUAGES, type Language } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { LengthCounter, overLimit } from '../../components/length-counter.tsx';
import { useAuthenticated } from '../auth/session-context.ts';
import { FormField, TextField } from '../forms/form-field.tsx';
import { useItemFormContext } from '../forms/item-form-context.ts';
import { FormSubmit, ItemForm } from '../forms/item-form.tsx';
import { schemaTextLimit } from '../forms/payload-fields.ts';
import { CellLanguageSelect } from '../translations/cell-language-select.tsx';

/** The longest equivalent the schema takes, as it says it. */
const EQUIVALENT_LIMIT = schemaTextLimit(GlossaryTermPayload.shape.equivalents.unwrap(), 'en');

/** What a new version starts from: the latest version's words and the version it replaces. */
export interface TermRevision {
  latest: string;
  payload: GlossaryTermPayload;
}

/** The agreed word in one other language, written in that language's own direction. */
function EquivalentField({ language, value, onChange }: { language: Language; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const form = useItemFormContext();
  return (
    <FormField label={t('understanding.glossary.form.equivalent', { language: t(`language.names.${language}`) })}>
      {(id) => (
        <>
          <input
            id={id}
            data-testid={`${form.testId}-equivalent-${language}`}
            lang={language}
            dir={RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'}
            value={value}
            aria-invalid={overLimit(value, EQUIVALENT_LIMIT)}
            aria-describedby={`${id}-counter`}
            onChange={(event) => {
              onChange(event.target.value);
              form.edited(`equivalents.${language}`);
            }}
          />
          <LengthCounter text={value} limit={EQUIVALENT_LIMIT} id={`${id}-counter`} testId={`${form.testId}-equivalent-${language}-counter`} />
        </>
      )}
    </FormField>
  );
}

/** The equivalents of the cell's languages other than the term's own, as the form keeps them. */
function EquivalentFields({ equivalents, onChange }: { equivalents: Partial<Record<Language, string>>; onChange: (language: Language, value: string) => void }) {
  const { cell } = useAuthenticated();
  const form = useItemFormContext();
  return (
    <>
      {cell.languages
        .filter((language) => language !== form.language)
        .map((language) => (
          <EquivalentField key={language} language={language} value={equivalents[language] ?? ''} onChange={(value) => onChange(language, value)} />
        ))}
    </>
  );
}

/**
 * Proposes a term for the glossary, or a new version of one: the term in its language, the
 * agreed word in each of the cell's other languages, and what it means. Any side or supervisor
 * proposes; it is in force once every one of them has signed it. Filed in plenary, where every
 * party reads it.
 */
export function GlossaryTermForm({ compartment, revision, testId, onDone }: { compartment: string; revision?: TermRevision; testId: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  const previous = revision?.payload;
  const [term, setTerm] = useState(previous?.term ?? '');
  const [equivalents, setEquivalents] = useState<Partial<Record<Language, string>>>(previous?.equivalents ?? {});
  const [definition, setDefinition] = useState(previous?.definition ?? '');
  const initialLanguage = previous?.language ?? cell.languages[0];

  const draft = (language: Language) => {
    if (term.trim() === '') return { missing: 'term' };
    const agreed = cell.languages.flatMap((other) => {
      const word = equivalents[other]?.trim() ?? '';
      return other === language || word === '' ? [] : [[other, word] as const];
    });
    const payload: JsonObject = { term: term.trim(), language };
    if (agreed.length > 0) payload['equivalents'] = Object.fromEntries(agreed);
    if (definition.trim() !== '') payload['definition'] = definition.trim();
    return { payload };
  };

  return (
    <ItemForm
      type="glossary.term"
      testId={testId}
      className="glossary-form"
      fieldsetClassName="glossary-form-fields"
      attributes={{ 'data-revision': revision?.latest ?? '' }}
      place={{ compartment, track: 'general' }}
      references={revision ? [revision.latest] : []}
      initialLanguage={initialLanguage}
      draft={draft}
      onEntered={() => {
        if (!revision) {
          setTerm('');
          setEquivalents({});
          setDefinition('');
        }
        onDone?.();
      }}
    >
      <TextField field="term" label={t('understanding.glossary.form.term')} testId={`${testId}-term`} value={term} onChange={setTerm} missing={{ text: t('understanding.glossary.form.termMissing'), testId: `${testId}-term-missing` }} />
      <CellLanguageSelect languages={cell.languages} label={t('understanding.glossary.form.language')} testId={`${testId}-language`} />
      <EquivalentFields equivalents={equivalents} onChange={(language, value) => setEquivalents((current) => ({ ...current, [language]: value }))} />
      <TextField field="definition" label={t('understanding.glossary.form.definition')} testId={`${testId}-definition`} rows={3} wide value={definition} onChange={setDefinition} />
      <p className="hint field-wide">{t('understanding.glossary.form.hint')}</p>
      <div className="glossary-form-actions">
        <FormSubmit>{revision ? t('understanding.glossary.form.submitVersion') : t('understanding.glossary.form.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}
