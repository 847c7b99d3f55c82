import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints.ts';
import { useApiResource } from '../../api/use-api-resource.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { pickLocalized } from '../../i18n/localized-text.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { DevicesPanel } from './devices-panel.tsx';
import { MembersPanel } from './members-panel.tsx';
import { NotificationSettingsPanel } from './notification-settings-panel.tsx';
import './admin-page.css';

/** The party administrator's page: who is in the party, which devices may sign for it, where escalations go. */
export function AdminPage() {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const language = useLanguage();
  const members = useApiResource(useCallback(() => api.members().then((list) => list.members), []));
  const devices = useApiResource(useCallback(() => api.devices('party').then((list) => list.devices), []));
  return (
    <div className="page" data-testid="page-admin">
      <PageHeading title={t('admin.title')}>
        <p className="page-lead">{t('admin.description', { party: pickLocalized(session.party.name, language).value })}</p>
      </PageHeading>
      <MembersPanel members={members} />
      <DevicesPanel devices={devices} members={members.data ?? []} />
      <NotificationSettingsPanel />
    </div>
  );
}
