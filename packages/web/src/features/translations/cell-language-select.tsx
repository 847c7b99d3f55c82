import { useTranslation } from 'react-i18next';
import type { Language } from '@fusion-cell/protocol';
import { FormField } from '../forms/form-field.tsx';
import { useItemFormContext } from '../forms/item-form-context.ts';

/**
 * The language of an item form's text, chosen among some of the cell's languages only (a
 * translation goes into another of them; a glossary term is agreed in one of them), bound to
 * the form, so its text fields are marked with it and the item is entered in it.
 */
export function CellLanguageSelect({ languages, label, testId }: { languages: readonly Language[]; label: string; testId: string }) {
  const { t } = useTranslation();
  const form = useItemFormContext();
  return (
    <FormField label={label} className="field field-language">
      {(id) => (
        <select
          id={id}
          data-testid={testId}
          value={form.language}
          onChange={(event) => {
            const chosen = languages.find((language) => language === event.target.value);
            if (chosen) form.setLanguage(chosen);
          }}
        >
          {languages.map((language) => (
            <option key={language} value={language} lang={language}>
              {t(`language.names.${language}`)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
