import { useTranslation } from 'react-i18next';
import type { InboxEntry } from '@fusion-cell/protocol';
import { DeadlineCountdown } from '../../components/deadline-countdown.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { usePartyName } from '../../components/use-names.ts';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { FreeText } from '../items/free-text.tsx';
import { summarize } from '../items/item-summary.ts';
import { useInboxEntry } from './inbox-entry.tsx';

/**
 * The mediator's picture, as it happens: every answer still open between the parties in the
 * supervisor's compartments that is not overdue yet (the overdue ones stand above it), who
 * owes what, to whom, and the time left.
 */
export function OpenBetweenParties() {
  const { t } = useTranslation();
  const { open } = useCoordination();
  const live = (open?.entries ?? []).filter((entry) => !entry.overdue);
  return (
    <section className="watch-section open-view" aria-labelledby="open-heading" data-testid="open-view" data-count={live.length}>
      <h2 id="open-heading">
        {t('watch.open.heading')}
        <span className="count-badge" data-testid="open-count">
          {live.length}
        </span>
      </h2>
      <p className="hint">{t('watch.open.hint')}</p>
      {open === null ? (
        <p className="hint">{t('watch.overdue.loading')}</p>
      ) : live.length === 0 ? (
        <EmptyState title={t('watch.open.empty')} />
      ) : (
        <ol className="inbox-list">
          {live.map((entry) => (
            <OpenEntry key={`${entry.item}-${entry.party}`} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}

function OpenEntry({ entry }: { entry: InboxEntry }) {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  const partyName = usePartyName();
  const view = useInboxEntry(entry);
  const envelope = view.item.signed?.envelope;
  const summary = envelope ? summarize(envelope.payload, entry.type) : undefined;
  const tone = summary?.severity ? cell.rules.alertPresentation[summary.severity].tone : undefined;
  return (
    <li className={`inbox-card open-card ${tone ? `tone-${tone}` : ''}`} data-testid={`open-${entry.item}-${entry.party}`} data-type={entry.type} data-party={entry.party} data-severity={summary?.severity}>
      <p className="inbox-card-head">
        <span className="tag tag-type">{view.type}</span>
        {summary?.severity && <span className={`severity-badge severity-${tone}`}>{t(`items.severity.${summary.severity}`)}</span>}
        <span>{t('watch.open.owedBy', { party: partyName(entry.party), from: view.from.party, compartment: view.from.compartment })}</span>
      </p>
      {summary && <FreeText text={summary.text} language={summary.language} className="inbox-card-title" />}
      <p className="inbox-card-owed">
        {view.owed} <DeadlineCountdown dueAt={entry.dueAt} escalatedAt={entry.escalatedAt} />
      </p>
    </li>
  );
}
