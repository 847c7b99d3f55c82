import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error.ts';
import { useFormatters } from '../i18n/format.ts';
import { useErrorText } from './use-error-text.ts';

/**
 * An API failure for people: what went wrong and the field it is about, in their language.
 * The server's own words (English, for support) wait behind a disclosure.
 */
export function ErrorMessage({ error, testId }: { error: ApiError; testId?: string }) {
  const { t } = useTranslation();
  const describe = useErrorText();
  const { summary, field } = describe(error);
  const showDetail = error.message !== '' && error.code !== 'network';
  return (
    <div className="message message-error" role="alert" data-testid={testId} data-code={error.code} data-field={error.field}>
      <p className="message-title">{summary}</p>
      {field !== undefined && (
        <p>
          {t('errors.field')}: <strong data-testid={testId ? `${testId}-field` : undefined}>{field}</strong>
        </p>
      )}
      {showDetail && (
        <details className="message-detail" data-testid={testId ? `${testId}-details` : undefined}>
          <summary>{t('errors.details')}</summary>
          <p dir="ltr" lang="en">
            <code>{error.code}</code>
            {error.field !== undefined && (
              <>
                {' '}
                <code>{error.field}</code>
              </>
            )}
            : {error.message}
          </p>
        </details>
      )}
    </div>
  );
}

/** Everything a form refused before sending, the fields named: the same words as the server's refusal. */
export function InputProblemsMessage({ fields, testId }: { fields: string[]; testId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="message message-error" role="alert" data-testid={testId} data-code="validation_failed" data-state="invalid">
      <p className="message-title">{t('errors.codes.validation_failed')}</p>
      <p>
        {t('errors.field')}: <strong data-testid={`${testId}-field`}>{format.list(fields)}</strong>
      </p>
    </div>
  );
}
