import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeviceStatusBadge } from '../components/device-status.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { Localized } from '../components/localized.tsx';
import { useCoordination } from '../coordination/coordination-context.ts';
import { useAuthenticated, useSession } from '../features/auth/session-context.ts';
import { useFormatters } from '../i18n/format.ts';

/** The channel's recorded state, always in sight: open, or suspended since when. */
function ChannelState() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { inbox } = useCoordination();
  if (!inbox) return null;
  const { status, since } = inbox.channel;
  return (
    <p className={`channel-state channel-state-${status}`} data-testid="channel-state" data-status={status} title={since ? t('header.channelSince', { time: format.dateTime(since) }) : undefined}>
      <span aria-hidden="true">{status === 'open' ? '⇄ ' : '✕ '}</span>
      {t(`header.channel.${status}`)}
    </p>
  );
}

/** Who and where: the cell, the member, their party and roles, the device, the channel; and the way out. */
export function ShellHeader() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { logout } = useSession();
  const { session, cell } = useAuthenticated();
  const [leaving, setLeaving] = useState(false);
  const { member, party } = session;
  return (
    <header className="shell-header" data-testid="app-header">
      <div className="shell-brand">
        <p className="shell-product">{t('app.name')}</p>
        <p className="shell-cell" data-testid="cell-name">
          <Localized text={cell.name} />
        </p>
      </div>
      <div className="shell-identity">
        <p className="shell-member">
          <span className="visually-hidden">{t('header.member')}: </span>
          <bdi data-testid="member-name">{member.displayName}</bdi>
        </p>
        <p className="shell-party">
          <span className="visually-hidden">{t('header.party')}: </span>
          <span data-testid="member-party" data-party={party.id}>
            <Localized text={party.name} />
          </span>
          <span className="shell-party-kind" data-testid="member-party-kind">
            {t(`partyKinds.${party.kind}`)}
          </span>
          <span className="shell-roles" data-testid="member-roles">
            <span className="visually-hidden">{t('header.roles')}: </span>
            {format.list(member.roles.map((role) => t(`roles.${role}`)))}
          </span>
        </p>
      </div>
      <div className="shell-tools">
        <ChannelState />
        <DeviceStatusBadge />
        <LanguageSwitch />
        <button
          type="button"
          className="button button-on-dark"
          data-testid="logout"
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            void logout();
          }}
        >
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
