import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { verdictOf } from '../../sync/sync-types.ts';
import type { LocalSubmitProblem } from './sign-and-submit.ts';
import type { SubmitState } from './use-submit-item.ts';

/** A form's submission state, with the problems the form itself finds before signing. */
export type StatusState<Problem extends string> = Exclude<SubmitState, { phase: 'invalid' }> | { phase: 'invalid'; problem: Problem };

interface SubmitStatusProps<Problem extends string> {
  state: StatusState<Problem>;
  testId: string;
  /** Where errors and problems show, when the form tells them apart from progress. */
  errorTestId?: string;
  /** A conflict in the form's own words. */
  conflict?: string;
  /** The form's words for its own problems. */
  problemText?: (problem: Problem) => string;
}

/**
 * Where a signed item stands: being signed and sent, entered at an index, verified here (or
 * FAILED), or why it was not entered.
 */
export function SubmitStatus<Problem extends string = LocalSubmitProblem>({ state, testId, errorTestId = testId, conflict, problemText }: SubmitStatusProps<Problem>) {
  const { t } = useTranslation();
  const { snapshot } = useRecordSync();
  if (state.phase === 'idle') return null;
  if (state.phase === 'error') {
    if (conflict && state.error.code === 'conflict') {
      return (
        <p className="message message-error" role="alert" data-testid={errorTestId} data-state="error" data-code="conflict">
          {conflict}
        </p>
      );
    }
    return <ErrorMessage error={state.error} testId={errorTestId} />;
  }
  if (state.phase === 'invalid') {
    return (
      <p className="message message-error" role="alert" data-testid={errorTestId} data-state="invalid" data-code={state.problem}>
        {problemText ? problemText(state.problem) : t(`forms.problems.${state.problem as LocalSubmitProblem}`)}
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
