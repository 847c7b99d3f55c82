import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '@fusion-cell/protocol';
import { isLanguage } from '../i18n/setup.ts';
import { useLanguage } from '../i18n/use-language.ts';
import './language-switch.css';

/** Picks the working language; available before login, since a user may not read English. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        data-testid="language-switch"
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void i18n.changeLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((code) => (
          // Each language is named in itself, so a reader can find theirs in any interface language.
          <option key={code} value={code} lang={code}>
            {t(`language.names.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
