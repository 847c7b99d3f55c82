import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error.ts';
import { useErrorText } from './use-error-text.ts';

/**
 * An API failure for people: what went wrong in their language, then the server's own words
 * and the field it is about, which an administrator may need to fix the input.
 */
export function ErrorMessage({ error, testId }: { error: ApiError; testId?: string }) {
  const { t } = useTranslation();
  const describe = useErrorText();
  const { summary, field } = describe(error);
  const showDetail = error.message !== '' && error.code !== 'network';
  return (
    <div className="message message-error" role="alert" data-testid={testId} data-code={error.code}>
      <p className="message-title">{summary}</p>
      {field !== undefined && (
        <p>
          {t('errors.field')}: <strong data-testid={testId ? `${testId}-field` : undefined}>{field}</strong>
        </p>
      )}
      {showDetail && (
        <p className="message-detail">
          {t('errors.serverSaid')}: <bdi lang="en">{error.message}</bdi>
        </p>
      )}
    </div>
  );
}
