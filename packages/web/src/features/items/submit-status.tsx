import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { verdictOf } from '../../sync/sync-types.ts';
import type { SubmitState } from './use-submit-item.ts';

/**
 * Where a signed item stands: being signed and sent, entered at an index, verified here (or
 * FAILED), or why it was not entered. A conflict gets its own words from the form.
 */
export function SubmitStatus({ state, testId, conflict }: { state: SubmitState; testId: string; conflict?: string }) {
  const { t } = useTranslation();
  const { snapshot } = useRecordSync();
  if (state.phase === 'idle') return null;
  if (state.phase === 'error') {
    if (conflict && state.error.code === 'conflict') {
      return (
        <p className="message message-error" role="alert" data-testid={testId} data-state="error" data-code="conflict">
          {conflict}
        </p>
      );
    }
    return <ErrorMessage error={state.error} testId={testId} />;
  }
  if (state.phase === 'invalid') {
    return (
      <p className="message message-error" role="alert" data-testid={testId} data-state="invalid" data-code={state.problem}>
        {t(`forms.problems.${state.problem}`)}
      </p>
    );
  }
  if (state.phase === 'sending') {
    return (
      <p className="message message-info" role="status" data-testid={testId} data-state="sending">
        {t('forms.status.sending')}
      </p>
    );
  }
  const item = snapshot.items.get(state.compartment)?.[state.index];
  const verdict = item && item.id === state.id ? verdictOf(item.verification) : 'pending';
  const phase = verdict === 'pending' ? 'appended' : verdict;
  return (
    <p
      className={`message ${phase === 'failed' ? 'message-error' : phase === 'verified' ? 'message-success' : 'message-info'}`}
      role="status"
      data-testid={testId}
      data-state={phase}
      data-index={state.index}
      data-item-id={state.id}
    >
      {t(`forms.status.${phase}`, { index: state.index })}
    </p>
  );
}
