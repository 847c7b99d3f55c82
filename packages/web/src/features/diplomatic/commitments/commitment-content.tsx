import { useTranslation } from 'react-i18next';
import type { CommitmentPayload, CommitmentReportPayload, CommitmentStatus, CommitmentVerifyPayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { DeadlineCountdown } from '../../../components/deadline-countdown.tsx';
import { useServerNow } from '../../../components/use-now.ts';
import { usePartyName } from '../../../components/use-names.ts';
import { useFormatters } from '../../../i18n/format.ts';
import { useRecordSync } from '../../../sync/record-sync-context.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { Field, FreeText } from '../../items/free-text.tsx';
import { useItemGraph } from '../../items/item-graph.ts';
import { commitmentStatusOf } from './commitment-state.ts';
import './commitments.css';

/** A commitment's status in its colour and, always, its word. */
export function CommitmentStatusBadge({ status, testId = 'commitment-state' }: { status: CommitmentStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`tag commitment-status commitment-status-${status}`} data-testid={testId} data-status={status}>
      {t(`meetings.commitmentStatuses.${status}`)}
    </span>
  );
}

/** A commitment: its owner, what it undertakes and by when, how it will be verified, and where it stands now. */
export function CommitmentContent({ payload, envelope }: { payload: CommitmentPayload; envelope: Envelope }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const graph = useItemGraph();
  const { snapshot } = useRecordSync();
  const { cell } = useAuthenticated();
  const now = useServerNow();
  const item = [...graph.byId.values()].find((candidate) => candidate.signed?.envelope === envelope);
  const status = item ? commitmentStatusOf(item.id, graph, snapshot.members, cell, now) : undefined;
  return (
    <div className="item-commitment" data-testid="commitment-content" data-owner={payload.owner} data-status={status}>
      <p className="item-title">
        <span data-testid="commitment-owner-name">{t('meetings.commitment.ownedBy', { party: partyName(payload.owner) })}</span> {status && <CommitmentStatusBadge status={status} />}
      </p>
      <FreeText text={payload.undertaking} language={payload.language} testId="commitment-undertaking-text" />
      {status === 'open' || status === 'overdue' ? (
        <DeadlineCountdown dueAt={payload.due} escalatedAt={null} />
      ) : (
        <DueAt due={payload.due} />
      )}
      <Field label={t('meetings.commitment.verification')}>
        <FreeText text={payload.verification} language={payload.language} />
      </Field>
      {payload.source !== undefined && (
        <Field label={t('meetings.commitment.source')}>
          <code>{payload.source}</code>
        </Field>
      )}
    </div>
  );
}

function DueAt({ due }: { due: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <p className="hint" data-testid="commitment-due-at">
      {t('meetings.commitment.dueAt', { time: format.dateTime(due) })}
    </p>
  );
}

export function CommitmentReportContent({ payload }: { payload: CommitmentReportPayload }) {
  const { t } = useTranslation();
  return (
    <div data-testid="commitment-report-content">
      <p className="item-title">{t('meetings.commitment.reported')}</p>
      <FreeText text={payload.summary} language={payload.language} />
      {(payload.evidence ?? []).length > 0 && (
        <ul className="commitment-evidence">
          {(payload.evidence ?? []).map((evidence) => (
            <li key={evidence.sha256}>
              <bdi>{evidence.name}</bdi> <code title={evidence.sha256}>{evidence.sha256.slice(0, 12)}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CommitmentVerifyContent({ payload }: { payload: CommitmentVerifyPayload }) {
  const { t } = useTranslation();
  return (
    <div data-testid="commitment-verify-content" data-verdict={payload.verdict}>
      <p className="item-title">{t(`meetings.verdicts.${payload.verdict}`)}</p>
      <FreeText text={payload.note} language={payload.language} />
    </div>
  );
}
