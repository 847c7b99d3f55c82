import { useTranslation } from 'react-i18next';
import type { ReadbackConfirmPayload } from '@fusion-cell/protocol';
import { Field, FreeText } from '../items/free-text.tsx';

/** The author's party's word that a read-back says what it meant, with its note if it made one. */
export function ReadbackConfirmContent({ payload }: { payload: ReadbackConfirmPayload }) {
  const { t } = useTranslation();
  return (
    <div className="item-readback-confirm" data-testid="readback-confirm-content">
      <p className="item-title">
        <span aria-hidden="true">✓ </span>
        {t('understanding.readback.confirmedItem')}
      </p>
      {payload.note !== undefined && (
        <Field label={t('understanding.readback.note')}>
          <FreeText text={payload.note} language={payload.language} testId="readback-confirm-note" />
        </Field>
      )}
    </div>
  );
}
