import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPUTE_STAGES, disputeIsOpen } from '@fusion-cell/protocol';
import { DeadlineCountdown } from '../../components/deadline-countdown.tsx';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import type { DisputeDeadline } from './dispute-deadline.ts';
import type { DisputeRecord } from './dispute-record.ts';
import { stepStatus, type StepStatus } from './stages.ts';
import { useStateName } from './state-names.ts';

const MARKS: Record<StepStatus, string> = { done: '✓', current: '●', skipped: '–', upcoming: '○' };

/** What the current stage awaits, from whom and by when, counting down; or that it awaits the supervisor. */
function StageDeadline({ record, deadline }: { record: DisputeRecord; deadline: DisputeDeadline | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  if (!disputeIsOpen(record.state)) return null;
  if (!deadline || deadline.awaiting.length === 0) {
    return (
      <p className="hint dispute-awaiting" data-testid="dispute-awaiting-supervisor">
        {t('disputes.page.awaitingSupervisor')}
      </p>
    );
  }
  const escalations = deadline.escalated.filter((escalation) => deadline.awaiting.includes(escalation.party)).map((escalation) => escalation.at).sort();
  const dueAt = new Date(deadline.dueAt).toISOString();
  return (
    <div className="dispute-deadline" data-testid="dispute-deadline" data-due-at={dueAt} data-awaiting={deadline.awaiting.join(' ')} data-escalated={escalations.length > 0}>
      <p className="dispute-deadline-what">{t('disputes.page.awaiting', { parties: format.list(deadline.awaiting.map(partyName)) })}</p>
      <DeadlineCountdown dueAt={dueAt} escalatedAt={escalations[0] ?? null} />
    </div>
  );
}

/**
 * The dispute's course as a stepper: notice, negotiation, facilitation, resolution and its
 * outcome, each passed, current, skipped or ahead, in words and marks (never colour alone), with
 * when it was reached; then what the current stage awaits, by when.
 */
export function DisputeStepper({ record, deadline }: { record: DisputeRecord; deadline: DisputeDeadline | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const stateName = useStateName();
  const headingId = useId();
  const closing = record.closing;
  return (
    <section className="dispute-course" aria-labelledby={headingId} data-testid="dispute-course">
      <h2 id={headingId}>{t('disputes.page.course')}</h2>
      <ol className="dispute-stepper" data-testid="dispute-stepper" data-state={record.state}>
        {DISPUTE_STAGES.map((stage) => {
          const status = stepStatus(record, stage);
          const reached = record.steps.find((step) => step.stage === stage);
          return (
            <li key={stage} className={`dispute-step dispute-step-${status}`} data-testid={`dispute-step-${stage}`} data-status={status} aria-current={status === 'current' ? 'step' : undefined}>
              <span className="dispute-step-mark" aria-hidden="true">
                {MARKS[status]}
              </span>
              <span className="dispute-step-name">{stateName(stage)}</span>
              <span className="dispute-step-when">
                {reached ? <time dateTime={reached.at}>{format.dateTime(reached.at)}</time> : t(`disputes.page.step.${status}`)}
              </span>
            </li>
          );
        })}
        <li className={`dispute-step dispute-step-${closing ? 'done' : 'upcoming'} dispute-step-outcome`} data-testid="dispute-step-outcome" data-status={closing ? 'done' : 'upcoming'} data-outcome={closing?.payload.outcome ?? ''}>
          <span className="dispute-step-mark" aria-hidden="true">
            {closing ? MARKS.done : MARKS.upcoming}
          </span>
          <span className="dispute-step-name">{closing ? stateName(closing.payload.outcome) : t('disputes.page.outcome')}</span>
          <span className="dispute-step-when">{closing ? <time dateTime={closing.item.receivedAt}>{format.dateTime(closing.item.receivedAt)}</time> : t('disputes.page.step.upcoming')}</span>
        </li>
      </ol>
      <StageDeadline record={record} deadline={deadline} />
    </section>
  );
}
