import { useTranslation } from 'react-i18next';
import { usePartyName } from '../../components/use-names.ts';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { useFormatters } from '../../i18n/format.ts';

/** Who is on watch now in each party: connected to the stream, with their roles. */
export function PresencePanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const { presence } = useCoordination();
  return (
    <section className="watch-section presence" aria-labelledby="presence-heading" data-testid="presence">
      <h2 id="presence-heading">{t('watch.presence.heading')}</h2>
      {presence === null ? (
        <p className="hint">{t('watch.presence.loading')}</p>
      ) : (
        <ul className="presence-list">
          {presence.parties.map((party) => (
            <li key={party.party} data-testid={`presence-${party.party}`} data-count={party.onWatch.length} className={party.onWatch.length === 0 ? 'presence-nobody' : undefined}>
              <p className="presence-party">
                {partyName(party.party)}
                <span className="count-badge">{party.onWatch.length}</span>
              </p>
              {party.onWatch.length === 0 ? (
                <p className="hint">{t('watch.presence.nobody')}</p>
              ) : (
                <ul className="presence-members">
                  {party.onWatch.map((member) => (
                    <li key={member.member} data-member={member.member}>
                      <bdi>{member.displayName}</bdi>{' '}
                      <span className="hint">
                        {format.list(member.roles.map((role) => t(`roles.${role}`)))} · {t('watch.presence.since', { time: format.dateTime(member.since) })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
