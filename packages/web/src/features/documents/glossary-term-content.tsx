import { useTranslation } from 'react-i18next';
import { LANGUAGES, type GlossaryTermPayload } from '@fusion-cell/protocol';
import { Field, FreeText } from '../items/free-text.tsx';

/** A glossary term: the authoritative term first, then the agreed word in each other language, each in its own direction. */
export function GlossaryTermContent({ payload }: { payload: GlossaryTermPayload }) {
  const { t } = useTranslation();
  const equivalents = LANGUAGES.flatMap((language) => {
    const text = payload.equivalents?.[language];
    return text === undefined ? [] : [{ language, text }];
  });
  return (
    <div className="item-glossary-term" data-testid="glossary-term-content">
      <FreeText text={payload.term} language={payload.language} className="item-title" testId="glossary-term" glossary={false} />
      {equivalents.length > 0 && (
        <Field label={t('items.fields.equivalents')}>
          <dl className="item-equivalents">
            {equivalents.map(({ language, text }) => (
              <div key={language}>
                <dt>{t(`language.names.${language}`)}</dt>
                <dd>
                  <FreeText text={text} language={language} testId={`glossary-equivalent-${language}`} glossary={false} />
                </dd>
              </div>
            ))}
          </dl>
        </Field>
      )}
      {payload.definition !== undefined && (
        <Field label={t('items.fields.definition')}>
          <FreeText text={payload.definition} language={payload.language} />
        </Field>
      )}
    </div>
  );
}
