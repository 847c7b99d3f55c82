import { useTranslation } from 'react-i18next';
import type { DocumentSignPayload } from '@fusion-cell/protocol';
import { Field, FreeText } from '../items/free-text.tsx';

/**
 * A party's initials or signature: which act, on which exact version (its id is the hash of
 * what was signed, shown shortened with the whole in its title), and any statement made with it.
 */
export function DocumentSignContent({ payload }: { payload: DocumentSignPayload }) {
  const { t } = useTranslation();
  return (
    <div className="item-document-sign" data-testid="document-sign-content" data-act={payload.act}>
      <p className="item-title">
        {t(`items.signingActs.${payload.act}`)}{' '}
        <code title={payload.version} data-testid="signed-version">
          {t('items.document.version', { id: payload.version.slice(0, 8) })}
        </code>
      </p>
      {payload.statement !== undefined && (
        <Field label={t('items.fields.statement')}>
          <FreeText text={payload.statement} language={payload.language} />
        </Field>
      )}
    </div>
  );
}
