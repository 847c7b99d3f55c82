import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { TRACKS } from '@fusion-cell/protocol';
import { useAuthenticated } from '../features/auth/session-context.ts';

/** The areas of the cell: the enabled tracks, then disputes, the record and (for admins) admin. */
export function MainNav() {
  const { t } = useTranslation();
  const { session, cell } = useAuthenticated();
  const tracks = TRACKS.filter((track) => cell.tracks.includes(track));
  const isAdmin = session.member.roles.includes('admin');
  return (
    <nav className="main-nav" aria-label={t('nav.label')} data-testid="nav">
      <p className="main-nav-group" id="nav-tracks">
        {t('nav.tracks')}
      </p>
      <ul aria-labelledby="nav-tracks">
        {tracks.map((track) => (
          <li key={track}>
            <NavLink to={`/tracks/${track}`} data-testid={`nav-${track}`}>
              {t(`tracks.${track}.name`)}
            </NavLink>
          </li>
        ))}
      </ul>
      <p className="main-nav-group" id="nav-cell">
        {t('nav.cell')}
      </p>
      <ul aria-labelledby="nav-cell">
        <li>
          <NavLink to="/disputes" data-testid="nav-disputes">
            {t('disputes.title')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/record" data-testid="nav-record">
            {t('record.title')}
          </NavLink>
        </li>
        {isAdmin && (
          <li>
            <NavLink to="/admin" data-testid="nav-admin">
              {t('admin.title')}
            </NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}
