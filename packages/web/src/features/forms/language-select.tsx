import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@fusion-cell/protocol';
import { isLanguage } from '../../i18n/setup.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { FormField } from './form-field.tsx';

/**
 * The language of a free text, following the interface language until the author picks
 * one: the language written in is the authoritative one. A text prefilled from another item
 * starts in that item's language (`initial`), as if chosen.
 */
export function useTextLanguage(initial?: Language): [Language, (language: Language) => void] {
  const uiLanguage = useLanguage();
  const [language, setLanguage] = useState<Language>(initial ?? uiLanguage);
  const [chosen, setChosen] = useState(initial !== undefined);
  useEffect(() => {
    if (!chosen) setLanguage(uiLanguage);
  }, [uiLanguage, chosen]);
  return [
    language,
    (next) => {
      setLanguage(next);
      setChosen(true);
    },
  ];
}

/** Picks the language a free text is written in. */
export function LanguageSelect({ value, onChange, testId, label, hint }: { value: Language; onChange: (language: Language) => void; testId: string; label?: string | undefined; hint?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <FormField label={label ?? t('forms.textLanguage')} className="field field-language">
      {(id) => (
        <>
          <select id={id} data-testid={testId} aria-describedby={hint === undefined ? undefined : `${id}-hint`} value={value} onChange={(event) => isLanguage(event.target.value) && onChange(event.target.value)}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {t(`language.names.${code}`)}
              </option>
            ))}
          </select>
          {hint !== undefined && (
            <p className="hint" id={`${id}-hint`}>
              {hint}
            </p>
          )}
        </>
      )}
    </FormField>
  );
}
