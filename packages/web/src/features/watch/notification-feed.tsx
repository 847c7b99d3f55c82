import { useTranslation } from 'react-i18next';
import { useCompartmentName } from '../../components/use-names.ts';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { useFormatters } from '../../i18n/format.ts';

/** The cell's reminders, repeats and escalations as they arrived in this console. */
export function NotificationFeed() {
  const { t } = useTranslation();
  const format = useFormatters();
  const compartmentName = useCompartmentName();
  const { notifications } = useCoordination();
  if (notifications.length === 0) return null;
  return (
    <section className="watch-section notification-feed" aria-labelledby="notification-feed-heading" data-testid="notification-feed">
      <h2 id="notification-feed-heading">{t('watch.notifications.heading')}</h2>
      <ol className="notification-list">
        {notifications.map(({ sequence, frame, receivedAt }) => (
          <li key={sequence} className={`notification notification-${frame.kind}`} data-testid="notification" data-kind={frame.kind} data-item={frame.item}>
            <strong>{t(`watch.notifications.kinds.${frame.kind}`)}</strong>{' '}
            {t('watch.notifications.detail', { compartment: compartmentName(frame.compartment), time: format.dateTime(frame.dueAt) })}{' '}
            <a href={`#inbox-${frame.item}`}>{t('watch.notifications.show')}</a>
            <span className="hint"> · {format.dateTime(new Date(receivedAt).toISOString())}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
