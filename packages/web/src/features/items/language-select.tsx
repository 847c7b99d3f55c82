import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@fusion-cell/protocol';
import { isLanguage } from '../../i18n/setup.ts';
import { useLanguage } from '../../i18n/use-language.ts';

/**
 * The language of a free text, following the interface language until the author picks
 * one: the language written in is the authoritative one.
 */
export function useTextLanguage(): [Language, (language: Language) => void] {
  const uiLanguage = useLanguage();
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [chosen, setChosen] = useState(false);
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
export function LanguageSelect({ value, onChange, testId, label }: { value: Language; onChange: (language: Language) => void; testId: string; label?: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field field-language">
      <label htmlFor={id}>{label ?? t('forms.textLanguage')}</label>
      <select id={id} data-testid={testId} value={value} onChange={(event) => isLanguage(event.target.value) && onChange(event.target.value)}>
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.names.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
