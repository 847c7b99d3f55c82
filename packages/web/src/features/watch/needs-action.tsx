import { useTranslation } from 'react-i18next';
import { AckLevel, type InboxEntry } from '@fusion-cell/protocol';
import { DeadlineCountdown } from '../../components/deadline-countdown.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { AckActions } from '../items/ack-actions.tsx';
import { AnswerForm } from '../items/answer-form.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { inboxItem } from '../items/item-summary.ts';
import { mayCreate } from '../items/permissions.ts';
import { useRequiredName, useTypeName } from '../items/type-names.ts';
import { ItemCard } from '../tracks/thread-item.tsx';

/**
 * What the party must answer, most urgent first (the server's order: urgent, then by
 * deadline): each item as verified here, its countdown, and the answer in one click.
 */
export function NeedsAction() {
  const { t } = useTranslation();
  const { inbox, inboxError } = useCoordination();
  return (
    <section className="watch-section needs-action" aria-labelledby="needs-action-heading" data-testid="needs-action">
      <h2 id="needs-action-heading">
        {t('watch.needsAction.heading')}
        {inbox && (
          <span className="count-badge" data-testid="needs-action-count" data-count={inbox.entries.length}>
            {inbox.entries.length}
          </span>
        )}
      </h2>
      {inboxError && <ErrorMessage error={inboxError} testId="inbox-error" />}
      {inbox === null ? (
        <p className="hint" role="status">
          {t('watch.needsAction.loading')}
        </p>
      ) : inbox.entries.length === 0 ? (
        <EmptyState title={t('watch.needsAction.empty')}>
          <p>{t('watch.needsAction.emptyHint')}</p>
        </EmptyState>
      ) : (
        <ol className="inbox-list" data-testid="inbox-list" data-count={inbox.entries.length}>
          {inbox.entries.map((entry) => (
            <InboxCard key={`${entry.item}-${entry.party}`} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}

function InboxCard({ entry }: { entry: InboxEntry }) {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const graph = useItemGraph();
  const typeName = useTypeName();
  const requiredName = useRequiredName();
  const partyName = usePartyName();
  const compartmentName = useCompartmentName();
  const item = inboxItem(entry, graph.byId.get(entry.item));
  const author = { roles: session.member.roles, partyKind: session.party.kind };
  const target = { id: entry.item, compartment: entry.compartment, track: entry.track };
  const level = AckLevel.safeParse(entry.acknowledged);
  const required = AckLevel.safeParse(entry.required);
  const replyKind = entry.required === 'clarification.reply' || entry.required === 'explanation.reply' ? entry.required : undefined;
  return (
    <li
      className={`inbox-card ${entry.urgent ? 'inbox-card-urgent' : ''}`}
      id={`inbox-${entry.item}`}
      data-testid={`inbox-${entry.item}`}
      data-kind={entry.kind}
      data-required={entry.required}
      data-urgent={entry.urgent}
      data-overdue={entry.overdue}
      data-escalated={entry.escalatedAt !== null}
    >
      <header className="inbox-card-header">
        <p className="inbox-card-what">
          {entry.urgent && <span className="tag tag-urgent">{t('watch.needsAction.urgent')}</span>}
          <span className="inbox-card-owed">{entry.kind === 'ack' ? t('watch.needsAction.ackOwed', { level: requiredName(entry.required) }) : t('watch.needsAction.replyOwed', { type: typeName(entry.required) })}</span>
          <span className="inbox-card-where">
            {t('watch.needsAction.where', { type: typeName(entry.type), party: partyName(entry.authorParty), compartment: compartmentName(entry.compartment), track: t(`tracks.${entry.track}.name`) })}
          </span>
        </p>
        <DeadlineCountdown dueAt={entry.dueAt} escalatedAt={entry.escalatedAt} />
      </header>
      <ItemCard item={item} author={item.signed ? snapshot.members.get(item.signed.envelope.author) : undefined} actions={false} />
      <div className="inbox-card-answer">
        {entry.kind === 'ack' && mayCreate('ack', author) && <AckActions target={target} current={level.success ? level.data : null} required={required.success ? required.data : undefined} />}
        {replyKind && mayCreate(replyKind, author) && <AnswerForm target={target} kind={replyKind} testId="reply-form" />}
      </div>
    </li>
  );
}
