import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import type { ItemTypeForm } from '../../item-types/web-item-type.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { consoleForms } from '../items/item-forms.ts';
import { ChannelPanel } from './channel-panel.tsx';
import { LinkCheckPanel } from './link-check-panel.tsx';
import { NeedsAction } from './needs-action.tsx';
import { NotificationFeed } from './notification-feed.tsx';
import { OpenBetweenParties } from './open-between-parties.tsx';
import { OverdueView } from './overdue-view.tsx';
import { PresencePanel } from './presence-panel.tsx';
import { ReadbacksToConfirm } from '../readback/readbacks-to-confirm.tsx';
import { SentAwaiting } from './sent-awaiting.tsx';
import { WatchToolbar } from './watch-toolbar.tsx';
import './watch-page.css';

/**
 * The duty officer's console: what the party must answer, most urgent first, with the
 * deadlines running; what it sent that awaits others' answers; raising an alert; who is on
 * watch; the channel and its link checks; and for supervisors, everything overdue across the
 * parties, then everything still open between them.
 */
export function WatchPage() {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const { hash } = useLocation();
  const author = { roles: session.member.roles, partyKind: session.party.kind };
  const supervisor = session.party.kind === 'supervisor';
  const forms = consoleForms(author, session.compartments);

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
      {supervisor && <OpenBetweenParties />}
      <div className="watch-grid">
        <div className="watch-main">
          {/* Raising the alarm comes before answering; routine requests after the queue. */}
          {forms
            .filter(({ form }) => form.console === 'urgent')
            .map(({ type, form }) => (
              <ConsoleForm key={type} form={form} />
            ))}
          <NeedsAction />
          <ReadbacksToConfirm />
          <SentAwaiting />
          {forms
            .filter(({ form }) => form.console === 'routine')
            .map(({ type, form }) => (
              <ConsoleForm key={type} form={form} />
            ))}
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

/** A type's form on the console, folded until opened; the author chooses where the item goes. */
function ConsoleForm({ form }: { form: ItemTypeForm }) {
  const { t } = useTranslation();
  const urgent = form.console === 'urgent';
  return (
    <details className={urgent ? 'watch-section watch-compose watch-compose-alert' : 'watch-section watch-compose'} data-testid={`${form.name}-panel`}>
      <summary data-testid={`${form.name}-open`}>{form.heading(t)}</summary>
      <form.Form />
    </details>
  );
}
