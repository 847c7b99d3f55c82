import { useTranslation } from 'react-i18next';
import type { TranslationPayload } from '@fusion-cell/protocol';
import { Field, FreeText } from '../items/free-text.tsx';
import './translations.css';

/** A translation as its own item: marked as not authoritative, in its language, with the translator's note. */
export function TranslationContent({ payload }: { payload: TranslationPayload }) {
  const { t } = useTranslation();
  return (
    <div className="item-translation" data-testid="translation-content" data-language={payload.language}>
      <p className="translation-column-label">
        <span className="translation-badge">{t('understanding.translations.notAuthoritative', { language: t(`language.names.${payload.language}`) })}</span>
      </p>
      <FreeText text={payload.text} language={payload.language} testId="translation-content-text" />
      {payload.note !== undefined && (
        <Field label={t('understanding.translations.note')}>
          <FreeText text={payload.note} language={payload.language} />
        </Field>
      )}
    </div>
  );
}
