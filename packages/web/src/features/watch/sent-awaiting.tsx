import { useTranslation } from 'react-i18next';
import { AckLevel, type InboxEntry } from '@fusion-cell/protocol';
import { DeadlineCountdown } from '../../components/deadline-countdown.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { usePartyName } from '../../components/use-names.ts';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { FreeText } from '../items/free-text.tsx';
import { summarize } from '../items/item-summary.ts';
import { useInboxEntry } from './inbox-entry.tsx';

/** The answers owed on one item the party sent, in the server's order (overdue first). */
function byItem(entries: readonly InboxEntry[]): InboxEntry[][] {
  const groups = new Map<string, InboxEntry[]>();
  for (const entry of entries) groups.set(entry.item, [...(groups.get(entry.item) ?? []), entry]);
  return [...groups.values()];
}

/**
 * What the party sent that still awaits an answer: each recipient's state and the time left.
 * An overdue one is as loud as what the party itself owes, so a sender never learns from
 * another page that its alert went unanswered.
 */
export function SentAwaiting() {
  const { t } = useTranslation();
  const { sent } = useCoordination();
  const groups = byItem(sent?.entries ?? []);
  const overdue = groups.filter((entries) => entries.some((entry) => entry.overdue)).length;
  return (
    <section className={overdue > 0 ? 'watch-section sent-awaiting sent-awaiting-overdue' : 'watch-section sent-awaiting'} aria-labelledby="sent-heading" data-testid="sent-awaiting" data-count={groups.length} data-overdue={overdue}>
      <h2 id="sent-heading">
        {t('watch.sent.heading')}
        <span className={overdue > 0 ? 'count-badge count-badge-bad' : 'count-badge'} data-testid="sent-count">
          {groups.length}
        </span>
      </h2>
      <p className="hint">{t('watch.sent.hint')}</p>
      {sent === null ? (
        <p className="hint">{t('watch.overdue.loading')}</p>
      ) : groups.length === 0 ? (
        <EmptyState title={t('watch.sent.empty')} />
      ) : (
        <ol className="inbox-list">
          {groups.map((entries) => (
            <SentItem key={entries[0]?.item} entries={entries} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** The acknowledgment level a recipient has reached short of what is owed, if any. */
function ReachedLevel({ level }: { level: string | null }) {
  const { t } = useTranslation();
  const reached = AckLevel.safeParse(level);
  return reached.success ? <span className={`ack-level ack-level-${reached.data}`}>{t(`items.ackLevels.${reached.data}`)}</span> : null;
}

function SentItem({ entries }: { entries: InboxEntry[] }) {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  const partyName = usePartyName();
  const first = entries[0] as InboxEntry;
  const view = useInboxEntry(first);
  const envelope = view.item.signed?.envelope;
  const summary = envelope ? summarize(envelope.payload, first.type) : undefined;
  const tone = summary?.severity ? cell.rules.alertPresentation[summary.severity].tone : undefined;
  const overdue = entries.some((entry) => entry.overdue);
  return (
    <li
      className={`inbox-card sent-card ${overdue ? 'inbox-card-overdue' : ''} ${tone ? `tone-${tone}` : ''}`}
      id={`sent-${first.item}`}
      data-testid={`sent-${first.item}`}
      data-type={first.type}
      data-severity={summary?.severity}
      data-overdue={overdue}
    >
      <p className="inbox-card-head">
        <span className="tag tag-type">{view.type}</span>
        {summary?.severity && <span className={`severity-badge severity-${tone}`}>{t(`items.severity.${summary.severity}`)}</span>}
        <span className="hint">{view.from.compartment}</span>
      </p>
      {summary && <FreeText text={summary.text} language={summary.language} className="inbox-card-title" />}
      <ul className="sent-recipients">
        {entries.map((entry) => (
          <li key={entry.party} data-testid={`sent-${entry.item}-${entry.party}`} data-party={entry.party} data-overdue={entry.overdue} data-escalated={entry.escalatedAt !== null} data-acknowledged={entry.acknowledged ?? ''}>
            <strong>{partyName(entry.party)}</strong>
            <span>{view.owed}</span>
            <ReachedLevel level={entry.acknowledged} />
            <DeadlineCountdown dueAt={entry.dueAt} escalatedAt={entry.escalatedAt} />
          </li>
        ))}
      </ul>
    </li>
  );
}
