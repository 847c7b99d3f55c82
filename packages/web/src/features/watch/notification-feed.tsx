import { useTranslation } from 'react-i18next';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useAuthenticated } from '../auth/session-context.ts';

/**
 * The cell's reminders, repeats and escalations as they arrived in this console. Each frame
 * says which party owes the answer: a supervisor, who hears every party's escalations, sees
 * whose it is at once; so does anyone told about another party than their own.
 */
export function NotificationFeed() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { session } = useAuthenticated();
  const compartmentName = useCompartmentName();
  const partyName = usePartyName();
  const { notifications } = useCoordination();
  if (notifications.length === 0) return null;
  const showParty = (party: string) => session.party.kind === 'supervisor' || party !== session.party.id;
  return (
    <section className="watch-section notification-feed" aria-labelledby="notification-feed-heading" data-testid="notification-feed">
      <h2 id="notification-feed-heading">{t('watch.notifications.heading')}</h2>
      <ol className="notification-list">
        {notifications.map(({ sequence, frame, receivedAt }) => (
          <li key={sequence} className={`notification notification-${frame.kind}`} data-testid="notification" data-kind={frame.kind} data-item={frame.item} data-party={frame.party}>
            <strong>{t(`watch.notifications.kinds.${frame.kind}`)}</strong>{' '}
            {showParty(frame.party) && (
              <span className="notification-party" data-testid="notification-party">
                {t('watch.notifications.owedBy', { party: partyName(frame.party) })}{' '}
              </span>
            )}
            {t('watch.notifications.detail', { compartment: compartmentName(frame.compartment), time: format.dateTime(frame.dueAt) })}{' '}
            {/* What this party owes is in its queue; what another party owes, in the overdue view. */}
            <a href={frame.party === session.party.id ? `#inbox-${frame.item}` : `#overdue-${frame.item}-${frame.party}`}>{t('watch.notifications.show')}</a>
            <span className="hint"> · {format.dateTime(new Date(receivedAt).toISOString())}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
