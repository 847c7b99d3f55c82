import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { useAuthenticated } from '../auth/session-context.ts';
import { mayCreate } from '../items/permissions.ts';
import { AlertForm } from './alert-form.tsx';
import { ChannelPanel } from './channel-panel.tsx';
import { ExplanationRequestForm } from './explanation-request-form.tsx';
import { LinkCheckPanel } from './link-check-panel.tsx';
import { NeedsAction } from './needs-action.tsx';
import { NotificationFeed } from './notification-feed.tsx';
import { OverdueView } from './overdue-view.tsx';
import { PresencePanel } from './presence-panel.tsx';
import { WatchToolbar } from './watch-toolbar.tsx';
import './watch-page.css';

/**
 * The duty officer's console: what the party must answer, most urgent first, with the
 * deadlines running; raising an alert; who is on watch; the channel and its link checks;
 * and for supervisors, everything overdue across the parties.
 */
export function WatchPage() {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const { hash } = useLocation();
  const author = { roles: session.member.roles, partyKind: session.party.kind };
  const supervisor = session.party.kind === 'supervisor';
  const canAlert = mayCreate('alert', author, { compartmentKind: 'plenary' });
  const canAsk = mayCreate('explanation.request', author, { compartmentKind: 'plenary' });

  // "Open in console" from the banner lands on the item.
  useEffect(() => {
    if (hash.startsWith('#inbox-')) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [hash]);

  return (
    <div className="page page-watch" data-testid="page-watch">
      <PageHeading title={t('watch.title')}>
        <p className="page-lead">{supervisor ? t('watch.leadSupervisor') : t('watch.lead')}</p>
      </PageHeading>
      <WatchToolbar />
      {/* Chasing what is overdue is the supervisor's first job: full width, first. */}
      {supervisor && <OverdueView />}
      <div className="watch-grid">
        <div className="watch-main">
          {canAlert && (
            <details className="watch-section watch-compose watch-compose-alert" data-testid="alert-panel">
              <summary data-testid="alert-open">{t('alertForm.heading')}</summary>
              <AlertForm />
            </details>
          )}
          <NeedsAction />
          {canAsk && (
            <details className="watch-section watch-compose" data-testid="explanation-panel">
              <summary data-testid="explanation-open">{t('explanationForm.heading')}</summary>
              <ExplanationRequestForm />
            </details>
          )}
        </div>
        <aside className="watch-side" aria-label={t('watch.sideLabel')}>
          <PresencePanel />
          <ChannelPanel />
          <LinkCheckPanel />
          <NotificationFeed />
        </aside>
      </div>
    </div>
  );
}
