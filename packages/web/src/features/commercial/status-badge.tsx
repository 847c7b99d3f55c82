import { useTranslation } from 'react-i18next';
import type { PipelineStatus } from '@fusion-cell/protocol';

/** A pipeline status in its colour and, always, its word. */
export function StatusBadge({ status, testId = 'opportunity-status' }: { status: PipelineStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`pipeline-badge pipeline-fill-${status}`} data-testid={testId} data-status={status}>
      {t(`commercial.statuses.${status}`)}
    </span>
  );
}
