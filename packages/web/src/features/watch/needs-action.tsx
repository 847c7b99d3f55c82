import { useTranslation } from 'react-i18next';
import type { InboxEntry } from '@fusion-cell/protocol';
import { DeadlineCountdown } from '../../components/deadline-countdown.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { ItemCard } from '../items/item-card.tsx';
import { OwedAnswer, useInboxEntry } from './inbox-entry.tsx';

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
  const { snapshot } = useRecordSync();
  const view = useInboxEntry(entry);
  const { item } = view;
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
          <span className="inbox-card-owed">{view.owed}</span>
          <span className="inbox-card-where">{t('watch.needsAction.where', { type: view.type, ...view.from, track: t(`tracks.${entry.track}.name`) })}</span>
        </p>
        <DeadlineCountdown dueAt={entry.dueAt} escalatedAt={entry.escalatedAt} />
      </header>
      <ItemCard item={item} author={item.signed ? snapshot.members.get(item.signed.envelope.author) : undefined} actions={false} />
      <div className="inbox-card-answer">
        <OwedAnswer entry={entry} target={view.answers} />
      </div>
    </li>
  );
}
