import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useDocumentTitle } from '../components/use-document-title.ts';

export function LoadingScreen() {
  const { t } = useTranslation();
  useDocumentTitle(undefined);
  return (
    <div className="status-screen" role="status" aria-live="polite" data-testid="loading">
      <p>{t('app.loading')}</p>
    </div>
  );
}

/** The server did not answer at all; a duty officer needs to know it is not their login. */
export function UnreachableScreen({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useTranslation();
  useDocumentTitle(t('app.unreachableTitle'));
  return (
    <div className="status-screen" data-testid="unreachable">
      <LanguageSwitch />
      <h1>{t('app.unreachableTitle')}</h1>
      <ErrorMessage error={error} />
      <button type="button" className="button button-primary" onClick={onRetry} data-testid="retry">
        {t('app.retry')}
      </button>
    </div>
  );
}
