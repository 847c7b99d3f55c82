import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { TRACKS } from '@fusion-cell/protocol';
import { useCoordination } from '../coordination/coordination-context.ts';
import { useAuthenticated } from '../features/auth/session-context.ts';
import { useFormatters } from '../i18n/format.ts';

/** How many items await the party's answer, and how many of them are overdue. */
function CountBadge({ open, overdue, testId }: { open: number; overdue: number; testId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (open === 0) return null;
  return (
    <span className={`nav-badge ${overdue > 0 ? 'nav-badge-overdue' : ''}`} data-testid={testId} data-open={open} data-overdue={overdue}>
      <span aria-hidden="true">{format.number(open)}</span>
      <span className="visually-hidden">{t('nav.badge', { open: format.number(open), overdue: format.number(overdue) })}</span>
      {overdue > 0 && (
        <span className="nav-badge-late" aria-hidden="true">
          {' '}
          ⚠{format.number(overdue)}
        </span>
      )}
    </span>
  );
}

/** The console and search, the enabled tracks (with what awaits an answer in each), then disputes, the record and admin. */
export function MainNav() {
  const { t } = useTranslation();
  const { session, cell } = useAuthenticated();
  const { inbox } = useCoordination();
  const tracks = TRACKS.filter((track) => cell.tracks.includes(track));
  const isAdmin = session.member.roles.includes('admin');
  const counts = inbox?.counts ?? {};
  const total = Object.values(counts).reduce((sum, count) => ({ open: sum.open + count.open, overdue: sum.overdue + count.overdue }), { open: 0, overdue: 0 });
  return (
    <nav className="main-nav" aria-label={t('nav.label')} data-testid="nav">
      <ul>
        <li>
          <NavLink to="/watch" data-testid="nav-watch" className="main-nav-watch">
            <span>{t('watch.title')}</span>
            <CountBadge open={total.open} overdue={total.overdue} testId="nav-badge-watch" />
          </NavLink>
        </li>
        <li>
          <NavLink to="/search" data-testid="nav-search">
            {t('search.title')}
          </NavLink>
        </li>
      </ul>
      <p className="main-nav-group" id="nav-tracks">
        {t('nav.tracks')}
      </p>
      <ul aria-labelledby="nav-tracks">
        {tracks.map((track) => (
          <li key={track}>
            <NavLink to={`/tracks/${track}`} data-testid={`nav-${track}`}>
              <span>{t(`tracks.${track}.name`)}</span>
              <CountBadge open={counts[track]?.open ?? 0} overdue={counts[track]?.overdue ?? 0} testId={`nav-badge-${track}`} />
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
          <NavLink to="/glossary" data-testid="nav-glossary">
            {t('understanding.glossary.title')}
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
